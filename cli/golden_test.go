package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden text outputs in testdata/")

// TestTextGoldens: the printed score and plan of two personas, in English
// and in Spanish, as golden files (testdata/<persona>.<command>.<lang>.txt;
// go test ./cli -update rewrites them). A change of wording, order or
// numbers shows up in review as a diff of these files.
func TestTextGoldens(t *testing.T) {
	for _, persona := range []string{"clear-cm", "hybrid"} {
		file := filepath.Join("..", "assessment", "testdata", "personas", persona+".json")
		for _, command := range []string{"score", "plan"} {
			for lang, locale := range map[string]string{"en": "en_US.UTF-8", "es": "es_ES.UTF-8"} {
				name := persona + "." + command + "." + lang + ".txt"
				t.Run(name, func(t *testing.T) {
					code, out, errOut := runIn(t, locale, command, file)
					if code != ExitOK {
						t.Fatalf("exit %d: %s", code, errOut)
					}
					if lang == "es" {
						// The sources' titles and authors are quoted as published.
						prose, _, _ := strings.Cut(out, "Fuentes:")
						noEnglish(t, name, prose)
					}
					golden := filepath.Join("testdata", name)
					if *update {
						if err := os.MkdirAll("testdata", 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (go test ./cli -update writes it)", err)
					}
					if out != string(want) {
						got, exp := strings.Split(out, "\n"), strings.Split(string(want), "\n")
						for i := 0; i < len(got) || i < len(exp); i++ {
							var g, e string
							if i < len(got) {
								g = got[i]
							}
							if i < len(exp) {
								e = exp[i]
							}
							if g != e {
								t.Fatalf("differs from %s at line %d:\n got: %q\nwant: %q\n(go test ./cli -update rewrites it after a deliberate change)", golden, i+1, g, e)
							}
						}
					}
				})
			}
		}
	}
}
