package questions

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// shippedFile lists every item ID and every option ID ("<item>/<option>")
// that a released bank has had. Saved attempts, answers files and results
// files hold them, so none may disappear without a rename or a retirement
// in items.json. "go test ./questions -update" adds the current IDs; it
// never removes a line.
const shippedFile = "testdata/shipped-ids.txt"

// bankIDs lists the bank's item IDs and "<item>/<option>" IDs.
func bankIDs(b *Bank) []string {
	var out []string
	for _, it := range b.Items {
		out = append(out, it.ID)
		for _, o := range it.Options {
			out = append(out, it.ID+"/"+o.ID)
		}
	}
	return out
}

// unaccounted returns the shipped IDs that the bank neither has, nor
// renames, nor retires, each with what to do.
func unaccounted(b *Bank, shipped []string) []string {
	var out []string
	for _, id := range shipped {
		if item, opt, isOption := strings.Cut(id, "/"); isOption {
			cur, ok := b.CurrentID(item)
			if !ok {
				if !b.IsRetired(item) {
					out = append(out, fmt.Sprintf("option %s: its item %s is gone; list the item under \"renamed\" or \"retired\" in items.json", id, item))
				}
				continue
			}
			if _, ok := b.CurrentOption(cur, opt); !ok && !b.IsRetired(cur+"/"+opt) {
				out = append(out, fmt.Sprintf("option %s is gone; add \"%s/%s\": \"<new option>\" under renamed.options, or \"%s/%s\" under retired, in items.json", id, cur, opt, cur, opt))
			}
			continue
		}
		if _, ok := b.CurrentID(id); !ok && !b.IsRetired(id) {
			out = append(out, fmt.Sprintf("item %s is gone; add \"%s\": \"<new ID>\" under renamed.items, or %q under retired, in items.json", id, id, id))
		}
	}
	return out
}

func readShipped(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(shippedFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShippedIDsAreNeverLost fails when an item or option ID that was ever
// shipped is no longer in the bank and has no rename or retirement entry:
// answers saved with it would otherwise be lost without a word.
func TestShippedIDsAreNeverLost(t *testing.T) {
	b := MustLoad()
	if *update {
		set := map[string]bool{}
		if _, err := os.Stat(shippedFile); err == nil {
			for _, id := range readShipped(t) {
				set[id] = true
			}
		}
		for _, id := range bankIDs(b) {
			set[id] = true
		}
		ids := make([]string, 0, len(set))
		for id := range set {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		content := "# Every item ID and option ID (<item>/<option>) ever shipped. Lines are added by\n" +
			"# \"go test ./questions -update\" and never removed: an ID that leaves the bank needs a\n" +
			"# \"renamed\" or \"retired\" entry in questions/data/items.json (see docs/DATA.md).\n" +
			strings.Join(ids, "\n") + "\n"
		if err := os.WriteFile(shippedFile, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shipped := readShipped(t)
	if len(shipped) < len(b.Items) {
		t.Fatalf("%s lists %d IDs, fewer than the %d items", shippedFile, len(shipped), len(b.Items))
	}
	for _, p := range unaccounted(b, shipped) {
		t.Error(p)
	}
	// Current IDs not yet listed: a reminder to run -update before a release.
	listed := map[string]bool{}
	for _, id := range shipped {
		listed[id] = true
	}
	for _, id := range bankIDs(b) {
		if !listed[id] {
			t.Errorf("%s is not in %s; run \"go test ./questions -update\" to add it", id, shippedFile)
		}
	}
}

// TestShippedIDCheckNeedsARenameOrRetirement renames and removes IDs in a
// copy of the bank and checks that the shipped-ID check fails until the
// data says what became of them.
func TestShippedIDCheckNeedsARenameOrRetirement(t *testing.T) {
	shipped := bankIDs(MustLoad())
	parse := func(d *bankDocs) *Bank {
		t.Helper()
		b, err := Parse(d.bytes(t))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	d := loadDocs(t)
	d.item(t, "style.passion").ID = "style.enthusiasm"
	sc := d.item(t, "scenario.budget-cut")
	sc.Options[1].ID = "grow-organically"
	d.items = slicesDelete(d.items, "audit.posting")
	b := parse(d)
	got := strings.Join(unaccounted(b, shipped), "\n")
	for _, want := range []string{"item style.passion is gone", "option scenario.budget-cut/organic is gone", "item audit.posting is gone"} {
		if !strings.Contains(got, want) {
			t.Errorf("the check does not report %q:\n%s", want, got)
		}
	}

	d.extra["renamed"] = map[string]any{
		"items":   map[string]string{"style.passion": "style.enthusiasm"},
		"options": map[string]string{"scenario.budget-cut/organic": "grow-organically"},
	}
	d.extra["retired"] = []string{"audit.posting"}
	if got := unaccounted(parse(d), shipped); len(got) != 0 {
		t.Errorf("renamed and retired IDs still reported: %v", got)
	}
}

func slicesDelete(items []Item, id string) []Item {
	out := items[:0]
	for _, it := range items {
		if it.ID != id {
			out = append(out, it)
		}
	}
	return out
}
