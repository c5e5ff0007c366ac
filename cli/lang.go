package cli

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"hatcheck/internal/i18n"
	"hatcheck/internal/termsafe"
	"hatcheck/workshop"
)

// F holds the {{.Fields}} of a catalogue text.
type F = map[string]any

// langFlag is the global flag that chooses the language of a run.
const langFlag = "lang"

// splitLang takes the global --lang flag out of args, wherever it is before
// a "--": "--lang es", "--lang=es", "-lang es". It returns the language
// ("" when the flag is not given), the other arguments, and the problem
// with the flag in the language of the environment.
func splitLang(args []string, p *i18n.Printer) (lang string, rest []string, problem string) {
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "---") || name != langFlag {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", nil, p.T("flag needs an argument: --lang (es or en)")
			}
			i++
			value = args[i]
		}
		code, ok := supported(value)
		if !ok {
			return "", nil, p.T("unknown language \"{{.Lang}}\" for --lang; Hatcheck speaks {{.Languages}}", F{"Lang": sanitize(value), "Languages": languages(p)})
		}
		lang = code
	}
	return lang, rest, ""
}

// supported returns the language of a tag ("es", "es_MX.UTF-8", "EN-gb")
// when Hatcheck speaks it.
func supported(tag string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(tag))
	t, _, _ = strings.Cut(t, ".")
	t, _, _ = strings.Cut(t, "@")
	base, _, _ := strings.Cut(strings.ReplaceAll(t, "_", "-"), "-")
	for _, s := range i18n.Supported {
		if base == s {
			return s, true
		}
	}
	return "", false
}

// languages lists the languages --lang takes: "es (Español) or en (English)".
func languages(p *i18n.Printer) string {
	var list []string
	for _, s := range i18n.Supported {
		list = append(list, s+" ("+i18n.Names[s]+")")
	}
	sort.Strings(list)
	last := list[len(list)-1]
	return p.T("{{.Rest}} or {{.Last}}", F{"Rest": strings.Join(list[:len(list)-1], ", "), "Last": last})
}

// A help entry is the usage of one command: its lines of the overview.
type helpEntry struct {
	name string // "plan", "workshop report"
	text string // the lines, a catalogue text
}

// commandHelp are the commands of the overview, in its order.
var commandHelp = []helpEntry{
	{"", i18n.Key("  hatcheck                           open the desktop app\n")},
	{"questions", i18n.Key("  hatcheck questions [--json]        list the questionnaire\n")},
	{"score", i18n.Key("  hatcheck score FILE [--json]       score an answers file\n")},
	{"plan", i18n.Key("  hatcheck plan FILE [--track ID] [--json]\n                                     print a 30/60/90-day development plan (FILE:\n                                     an answers file, or a results file with the\n                                     plan as its owner arranged it)\n  hatcheck plan --attempt N [--track ID] [--json]\n                                     the plan of a stored attempt, as arranged\n  hatcheck plan FILE|--attempt N -o PLAN.pdf [--track ID] [--paper a4|letter]\n                                     write the plan as a PDF report\n")},
	{"import", i18n.Key("  hatcheck import FILE... [--same-person|--new-person]\n                                     import results files (.hatcheck.json); when\n                                     someone with the same name is here, say\n                                     whether the file is theirs or someone else's\n")},
	{"list", i18n.Key("  hatcheck list [--json]             list profiles and their attempts\n")},
	{"export", i18n.Key("  hatcheck export ATTEMPT -o FILE    write an attempt as a results file\n")},
	{"delete", i18n.Key("  hatcheck delete PROFILE --yes      delete a profile (number or exact name)\n  hatcheck delete --all --yes        delete every profile, attempt and plan\n")},
	{"recover", i18n.Key("  hatcheck recover [FILE]            list databases set aside because they could\n                                     not be read, or bring back what FILE holds\n")},
	{"jobad", i18n.Key("  hatcheck jobad FILE|- [--json] [--against RESULTS_OR_ANSWERS_FILE | --attempt N]\n                                     which hats a job ad really asks for, line by\n                                     line; against a result: skills met, gaps and\n                                     the plan actions that close them (--attempt\n                                     keeps the ad with that attempt for its PDF)\n")},
	{"workshop", i18n.Key("  hatcheck workshop ...              cohorts for trainers (hatcheck workshop for help)\n")},
	{"version", i18n.Key("  hatcheck --version                 show the version and the commit it was built from\n")},
	{"help", i18n.Key("  hatcheck help                      show this help\n  hatcheck COMMAND --help            the help of one command\n")},
}

// workshopHelp are the workshop commands.
var workshopHelp = []helpEntry{
	{"workshop import", i18n.Key("  hatcheck workshop import --cohort NAME PATH... [--same-person|--new-person] [--partial]\n                                                  results files, folders of them, or CSV files\n")},
	{"workshop report", i18n.Key("  hatcheck workshop report --cohort NAME -o DIR [--names] [--paper a4|letter]\n                                                  every plan, the group report and scores.csv\n")},
	{"workshop template", i18n.Key("  hatcheck workshop template -o DIR               a printable worksheet and a CSV template\n")},
	{"workshop list", i18n.Key("  hatcheck workshop list                          the cohorts\n")},
	{"workshop delete", i18n.Key("  hatcheck workshop delete --cohort NAME --yes    delete a cohort and its participants' data\n")},
	{"workshop jobads", i18n.Key("  hatcheck workshop jobads FOLDER [-o FILE.pdf] [--paper a4|letter]\n                                                  check a folder of job ads (.txt, .md, .html):\n                                                  one page per ad for group discussion\n")},
}

// usage is the overview: "hatcheck help".
func usage(p *i18n.Printer) string {
	var b strings.Builder
	b.WriteString(p.T("Hatcheck: which social media hat fits you?\n\nUsage:\n"))
	for _, h := range commandHelp {
		b.WriteString(p.T(h.text))
	}
	b.WriteString("\n")
	b.WriteString(globalOptions(p))
	b.WriteString("\n")
	b.WriteString(p.T("Data lives in HATCHECK_DATA_DIR, or ~/.config/hatcheck when it is not set.\n\nTracks: social-media-manager, community-manager, social-media-strategist.\nAn answers file is JSON; see README.md for the format.\nResults are for exploration, not for hiring decisions.\n\nLanguage: English or Spanish, as LANGUAGE, LC_ALL, LC_MESSAGES or LANG say\n(es_ES, es_MX, es_AR... are Spanish), unless --lang chooses. The language\nchosen in the app's Settings is the window's only. JSON output keeps its\nkeys and IDs in English.\n\nExit codes: 0 done; 2 the command, an input or an output place is wrong, or\nsome files or rows were refused (the message says what to change); 1 anything\nelse (a full disk, busy or damaged data, a failed read or write).\n"))
	return b.String()
}

// workshopUsage is the overview of the workshop commands.
func workshopUsage(p *i18n.Printer) string {
	var b strings.Builder
	b.WriteString(p.T("Usage:\n"))
	for _, h := range workshopHelp {
		b.WriteString(p.T(h.text))
	}
	b.WriteString("\n")
	b.WriteString(globalOptions(p))
	return b.String()
}

func globalOptions(p *i18n.Printer) string {
	return p.T("Options of every command, before or after it:\n  --lang es|en                       the language to write in (see Language)\n")
}

// commandUsage is the usage lines of one command ("plan", "workshop
// import").
func commandUsage(p *i18n.Printer, name string) string {
	for _, list := range [][]helpEntry{commandHelp, workshopHelp} {
		for _, h := range list {
			if h.name == name {
				return p.T("Usage:\n") + p.T(h.text)
			}
		}
	}
	return usage(p)
}

// commandHelpText is "hatcheck COMMAND --help": the command's usage and
// its options, each with what it does.
func (c *command) commandHelpText(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString(commandUsage(c.p, fs.Name()))
	type option struct{ name, usage string }
	var opts []option
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool {
			name = ""
		}
		dashes := "--"
		if len(f.Name) == 1 {
			dashes = "-"
		}
		opts = append(opts, option{strings.TrimSpace(dashes + f.Name + " " + name), usage})
	})
	opts = append(opts, option{"--lang es|en", c.p.T("the language to write in: Spanish or English (default: LANG)")})
	width := 0
	for _, o := range opts {
		width = max(width, len([]rune(o.name)))
	}
	width = min(width, 22)
	b.WriteString("\n")
	b.WriteString(c.p.T("Options:\n"))
	for _, o := range opts {
		prefix := "  " + o.name
		if pad := width - len([]rune(o.name)); pad >= 0 {
			prefix += strings.Repeat(" ", pad+2)
		} else {
			fmt.Fprintln(&b, prefix)
			prefix = strings.Repeat(" ", width+4)
		}
		wrap(&b, prefix, o.usage)
	}
	return b.String()
}

// Go's flag package words its errors in English; these are the ones a
// person meets, in the language of the run.
var (
	flagUndefined = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag provided but not defined: -+(.*)$`) })
	flagNeedsArg  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag needs an argument: -+(.*)$`) })
	flagBadNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*): (.*)$`) })
	flagBadBool   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid boolean (?:value "(.*)" for|flag) -*([^:]*): (.*)$`)
	})
	flagSyntax = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^bad flag syntax: (.*)$`) })
)

func flagError(p *i18n.Printer, err error) string {
	msg := err.Error()
	if m := flagUndefined().FindStringSubmatch(msg); m != nil {
		return p.T("flag provided but not defined: -{{.Flag}}", F{"Flag": sanitize(m[1])})
	}
	if m := flagNeedsArg().FindStringSubmatch(msg); m != nil {
		return p.T("flag needs an argument: -{{.Flag}}", F{"Flag": sanitize(m[1])})
	}
	if m := flagBadNumber().FindStringSubmatch(msg); m != nil {
		return p.T("invalid value \"{{.Value}}\" for -{{.Flag}}: it must be a whole number", F{"Value": sanitize(m[1]), "Flag": sanitize(m[2])})
	}
	if m := flagBadBool().FindStringSubmatch(msg); m != nil {
		return p.T("invalid value for -{{.Flag}}: it takes no value, or true or false", F{"Flag": sanitize(m[2])})
	}
	if m := flagSyntax().FindStringSubmatch(msg); m != nil {
		return p.T("bad flag syntax: {{.Arg}}", F{"Arg": sanitize(m[1])})
	}
	return sanitize(msg)
}

// sysError renders an error the way a person reads it (see
// workshop.Describe).
func sysError(p *i18n.Printer, err error) string { return workshop.Describe(p, err) }

// kind names what a path is ("a named pipe (FIFO)") in the printer's
// language.
func kind(p *i18n.Printer, m os.FileMode) string { return workshop.FileKind(p, m) }

// sanitize makes text from the command line or a file safe to print.
func sanitize(s string) string { return termsafe.String(s) }
