package locale

import "sync/atomic"

// Hatcheck patch: a language the person chose in the app wins over the
// system's, for every reader of this package (Fyne's lang among them).

var override atomic.Pointer[[]string]

// SetOverride makes GetLocale and GetLocales return tags instead of the
// system's locales; no tags restores the system's.
func SetOverride(tags ...string) {
	if len(tags) == 0 {
		override.Store(nil)
		return
	}
	c := append([]string(nil), tags...)
	override.Store(&c)
}

// GetLocale retrieves the IETF BCP 47 language tag set on the system, or
// the first tag given to SetOverride.
func GetLocale() (string, error) {
	if o := override.Load(); o != nil {
		return (*o)[0], nil
	}
	return systemLocale()
}

// GetLocales retrieves the IETF BCP 47 language tags set on the system, or
// those given to SetOverride.
func GetLocales() ([]string, error) {
	if o := override.Load(); o != nil {
		return append([]string(nil), (*o)...), nil
	}
	return systemLocales()
}
