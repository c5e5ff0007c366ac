package questions

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestEveryRuleIsTestedAndDocumented keeps the rule list, the broken-bank
// cases and docs/DATA.md in step: a new rule needs a case that breaks it
// alone, and a line in the guide for people editing the data.
func TestEveryRuleIsTestedAndDocumented(t *testing.T) {
	guide, err := os.ReadFile("../docs/DATA.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.Name] {
			t.Errorf("rule %s is listed twice", r.Name)
		}
		seen[r.Name] = true
		if r.About == "" || r.Check == nil {
			t.Errorf("rule %s has no description or no check", r.Name)
		}
		tested := false
		for _, c := range ruleCases {
			tested = tested || c.rule == r.Name
		}
		if !tested {
			t.Errorf("rule %s has no case in ruleCases that breaks it", r.Name)
		}
		if !strings.Contains(string(guide), "`"+r.Name+"`") {
			t.Errorf("docs/DATA.md does not explain rule `%s`", r.Name)
		}
	}
	for _, c := range ruleCases {
		if !seen[c.rule] {
			t.Errorf("case %q names rule %s, which does not exist", c.name, c.rule)
		}
	}
}

func TestValidationErrorListsItsRules(t *testing.T) {
	d := loadDocs(t)
	d.items[0].Source.File = "blog.txt"
	d.items[0].Section = "extras"
	_, err := Parse(d.bytes(t))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%v is not a *ValidationError", err)
	}
	if got := strings.Join(ve.Rules(), ","); got != "sources-cited,known-references" {
		t.Errorf("rules %s", got)
	}
	for _, p := range ve.Problems {
		if p.Where != `item "skill.content-creation"` {
			t.Errorf("problem %v does not name the item", p)
		}
	}
}
