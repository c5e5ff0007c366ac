package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"hatcheck/store"
)

// Everything the app remembers lives in the data folder: Hatcheck's own
// settings (see App.setting) and Fyne's preferences (such as the file
// dialog's last folder), which dataFolderProvider keeps in the store
// instead of ~/.config/fyne. A data folder on a USB stick then carries the
// settings and leaves nothing behind on the computer.

// newFyneApp creates the Fyne app. With HATCHECK_DATA_DIR set (a portable
// data folder), Fyne's storage folder is created inside it rather than in
// ~/.config/fyne: Fyne makes that folder when the app is created, from
// XDG_CONFIG_HOME, which is pointed at the data folder for that moment
// only and then restored, so that programs started later (a PDF viewer)
// see the person's own setting.
func newFyneApp(id string) fyne.App {
	dir := os.Getenv(store.EnvDataDir)
	if dir == "" {
		return app.NewWithID(id)
	}
	old, had := os.LookupEnv("XDG_CONFIG_HOME")
	abs, err := filepath.Abs(filepath.Join(dir, "fyne"))
	if err != nil {
		return app.NewWithID(id)
	}
	os.Setenv("XDG_CONFIG_HOME", abs)
	defer func() {
		if had {
			os.Setenv("XDG_CONFIG_HOME", old)
		} else {
			os.Unsetenv("XDG_CONFIG_HOME")
		}
	}()
	return app.NewWithID(id)
}

// fynePrefsKey is the setting that holds Fyne's preferences.
const fynePrefsKey = "fyne.preferences"

// dataFolderProvider is a Fyne "cloud provider" in name only: it gives the
// app preferences kept in the store.
type dataFolderProvider struct{ prefs *storePrefs }

func (p *dataFolderProvider) ProviderDescription() string { return "Hatcheck's data folder" }
func (p *dataFolderProvider) ProviderIcon() fyne.Resource { return theme.StorageIcon() }
func (p *dataFolderProvider) ProviderName() string        { return "hatcheck-data-folder" }
func (p *dataFolderProvider) Cleanup(fyne.App)            {}
func (p *dataFolderProvider) Setup(fyne.App) error        { return nil }
func (p *dataFolderProvider) CloudPreferences(fyne.App) fyne.Preferences {
	return p.prefs
}

// keepPreferencesInStore makes the app's preferences live in the store.
func keepPreferencesInStore(a fyne.App, s *store.Store) {
	p := &storePrefs{s: s, values: map[string]any{}}
	if raw := s.Setting(fynePrefsKey, ""); raw != "" {
		json.Unmarshal([]byte(raw), &p.values)
	}
	a.SetCloudProvider(&dataFolderProvider{prefs: p})
}

// storePrefs implements fyne.Preferences over a map saved in the store as
// JSON on every change (numbers come back from JSON as float64).
type storePrefs struct {
	s         *store.Store
	mu        sync.Mutex
	values    map[string]any
	listeners []func()
}

func (p *storePrefs) get(key string) (any, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.values[key]
	return v, ok
}

func (p *storePrefs) set(key string, v any) {
	p.mu.Lock()
	if v == nil {
		delete(p.values, key)
	} else {
		p.values[key] = v
	}
	data, _ := json.Marshal(p.values)
	listeners := append([]func(){}, p.listeners...)
	p.mu.Unlock()
	if err := p.s.SetSetting(fynePrefsKey, string(data)); err != nil {
		fyne.LogError("save the preferences", err)
	}
	for _, l := range listeners {
		l()
	}
}

func (p *storePrefs) Bool(key string) bool { return p.BoolWithFallback(key, false) }
func (p *storePrefs) BoolWithFallback(key string, fallback bool) bool {
	if v, ok := p.get(key); ok {
		if b, ok := v.(bool); ok {
			return b
		}
	}
	return fallback
}
func (p *storePrefs) SetBool(key string, value bool) { p.set(key, value) }

func (p *storePrefs) Float(key string) float64 { return p.FloatWithFallback(key, 0) }
func (p *storePrefs) FloatWithFallback(key string, fallback float64) float64 {
	if v, ok := p.get(key); ok {
		if f, ok := v.(float64); ok {
			return f
		}
	}
	return fallback
}
func (p *storePrefs) SetFloat(key string, value float64) { p.set(key, value) }

func (p *storePrefs) Int(key string) int { return p.IntWithFallback(key, 0) }
func (p *storePrefs) IntWithFallback(key string, fallback int) int {
	if v, ok := p.get(key); ok {
		switch n := v.(type) {
		case int:
			return n
		case float64:
			return int(n)
		}
	}
	return fallback
}
func (p *storePrefs) SetInt(key string, value int) { p.set(key, value) }

func (p *storePrefs) String(key string) string { return p.StringWithFallback(key, "") }
func (p *storePrefs) StringWithFallback(key, fallback string) string {
	if v, ok := p.get(key); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return fallback
}
func (p *storePrefs) SetString(key string, value string) { p.set(key, value) }

// list reads a list of T, whether stored now ([]T) or read back from JSON
// ([]any).
func list[T any](p *storePrefs, key string, fallback []T, conv func(any) (T, bool)) []T {
	v, ok := p.get(key)
	if !ok {
		return fallback
	}
	switch l := v.(type) {
	case []T:
		return l
	case []any:
		out := make([]T, 0, len(l))
		for _, x := range l {
			if t, ok := conv(x); ok {
				out = append(out, t)
			}
		}
		return out
	}
	return fallback
}

func (p *storePrefs) BoolList(key string) []bool { return p.BoolListWithFallback(key, nil) }
func (p *storePrefs) BoolListWithFallback(key string, fallback []bool) []bool {
	return list(p, key, fallback, func(x any) (bool, bool) { b, ok := x.(bool); return b, ok })
}
func (p *storePrefs) SetBoolList(key string, value []bool) { p.set(key, value) }

func (p *storePrefs) FloatList(key string) []float64 { return p.FloatListWithFallback(key, nil) }
func (p *storePrefs) FloatListWithFallback(key string, fallback []float64) []float64 {
	return list(p, key, fallback, func(x any) (float64, bool) { f, ok := x.(float64); return f, ok })
}
func (p *storePrefs) SetFloatList(key string, value []float64) { p.set(key, value) }

func (p *storePrefs) IntList(key string) []int { return p.IntListWithFallback(key, nil) }
func (p *storePrefs) IntListWithFallback(key string, fallback []int) []int {
	return list(p, key, fallback, func(x any) (int, bool) { f, ok := x.(float64); return int(f), ok })
}
func (p *storePrefs) SetIntList(key string, value []int) { p.set(key, value) }

func (p *storePrefs) StringList(key string) []string { return p.StringListWithFallback(key, nil) }
func (p *storePrefs) StringListWithFallback(key string, fallback []string) []string {
	return list(p, key, fallback, func(x any) (string, bool) { s, ok := x.(string); return s, ok })
}
func (p *storePrefs) SetStringList(key string, value []string) { p.set(key, value) }

func (p *storePrefs) RemoveValue(key string) { p.set(key, nil) }

func (p *storePrefs) AddChangeListener(f func()) {
	p.mu.Lock()
	p.listeners = append(p.listeners, f)
	p.mu.Unlock()
}

func (p *storePrefs) ChangeListeners() []func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]func(){}, p.listeners...)
}
