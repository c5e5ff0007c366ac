//go:build darwin && !ios && !cgo

package locale

// systemLocale retrieves the IETF BCP 47 language tag set on the system.
func systemLocale() (string, error) {
	return getLocaleCli()
}

// systemLocales retrieves the IETF BCP 47 language tags set on the system.
func systemLocales() ([]string, error) {
	return getLocalesCli()
}
