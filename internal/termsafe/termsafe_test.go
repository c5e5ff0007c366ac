package termsafe

import "testing"

func TestControlsAreVisible(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Ñúñez Ελένη Дмитрий": "Zoë Ñúñez Ελένη Дмитрий",
		"\x1b[2J\x1b]0;pwned\x07": `\x1b[2J\x1b]0;pwned\x07`,
		"Ana\nprofile 9  Forged":  `Ana\nprofile 9  Forged`,
		"a\rb\tc\x7f\u0085":       `a\rb\tc\x7f\x85`,
		"evil\u202egnp.exe":       `evil\u202egnp.exe`,
		"bad\xffbyte":             `bad\xffbyte`,
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b]0;x\x07 Zoë")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range String(s) {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
				t.Fatalf("%q kept %U", s, r)
			}
		}
	})
}

func TestCellsKeepTabsAndLineBreaks(t *testing.T) {
	if got := Cell("a\tb\nc\x1b[31m"); got != "a\tb\nc\\x1b[31m" {
		t.Errorf("Cell: %q", got)
	}
}
