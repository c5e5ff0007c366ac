package jobad

import (
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"hatcheck/assessment"
	"hatcheck/internal/jsonpos"
	"hatcheck/questions"
)

//go:embed data/lexicon.json
var dataFS embed.FS

// LexiconFile is the lexicon as a person editing it finds it.
const LexiconFile = "jobad/data/lexicon.json"

// Basis says what a lexicon entry, a signal or a question rests on: one of
// the five articles (file and section), or the labelled postings in
// jobad/testdata/eval (file "postings", section naming the kind of ad).
type Basis struct {
	File    string `json:"file"`
	Section string `json:"section"`
}

// PostingsBasis is the Basis.File of wording taken from real postings.
const PostingsBasis = "postings"

// Entry is how ads ask for one competency of one hat: the phrases that name
// it. A phrase is lower-case words; a word ending in * matches every word
// that starts with it ("moderat*": moderate, moderating, moderation), and
// plurals match by themselves ("event" matches "events").
type Entry struct {
	Competency string   `json:"competency"`
	Hat        string   `json:"hat"`
	Phrases    []string `json:"phrases"`
	// Weight of a phrase; 0 means its number of words, so that a longer,
	// more specific phrase counts for more.
	Weight float64 `json:"weight,omitempty"`
	Basis  []Basis `json:"basis"`
}

// Aside is a kind of line that belongs to no hat: pay, benefits, degrees,
// where and when the job is. Such lines are set aside, not counted.
type Aside struct {
	ID      string   `json:"id"`
	Phrases []string `json:"phrases"`
}

// Cited is a sentence Hatcheck shows, in each language ("en", "es"), with
// what it rests on.
type Cited struct {
	ID    string         `json:"id"`
	Text  questions.Text `json:"text"`
	Basis Basis          `json:"basis"`
}

// Question is something to ask the employer, shown when its condition
// holds (see Conditions).
type Question struct {
	ID    string         `json:"id"`
	When  string         `json:"when"`
	Text  questions.Text `json:"text"`
	Basis Basis          `json:"basis"`
}

// Lexicon is the data the analysis reads: which words name which
// competency of which hat, which lines are set aside, the words of titles,
// of work at odd hours and of tools, and the texts of signals and
// questions.
type Lexicon struct {
	Version string `json:"version"`
	// About explains the file to a person editing it.
	About   string  `json:"about"`
	Entries []Entry `json:"entries"`
	// Titles name a hat in a job title ("strategist", "community").
	Titles []struct {
		Hat     string   `json:"hat"`
		Phrases []string `json:"phrases"`
	} `json:"titles"`
	Aside      []Aside  `json:"aside"`
	AfterHours []string `json:"after_hours"`
	Tools      []string `json:"tools"`
	// Roles are job titles that lines repeat ("the community manager
	// will..."); they are skipped, so that a line counts for the work it
	// names, not for the title.
	Roles     []string   `json:"roles"`
	Signals   []Cited    `json:"signals"`
	Questions []Question `json:"questions"`

	phrases    map[string][]*phrase // by first word
	prefixes   map[string][]*phrase // by first word's prefix (a * word)
	titles     []*phrase
	aside      []*phrase
	afterHours []*phrase
	tools      []*phrase
	roles      []*phrase
	signals    map[string]Cited
}

// phrase is one compiled phrase and what it counts for.
type phrase struct {
	text   string
	words  []string // "*" suffix kept for prefix words
	weight float64
	// hat and competency of an entry; id of an aside, a tool's name.
	hat, competency, id string
}

// Signal and question conditions the code knows; the data uses these IDs.
const (
	SignalSeveralHats   = "several-hats"
	SignalThreeHats     = "three-hats"
	SignalTitleMismatch = "title-mismatch"
	SignalAfterHours    = "after-hours"
	SignalManyTools     = "many-tools"
	SignalThin          = "too-little"
)

// SignalIDs lists every signal the analysis raises; the lexicon must give
// each a text.
var SignalIDs = []string{SignalSeveralHats, SignalThreeHats, SignalTitleMismatch, SignalAfterHours, SignalManyTools, SignalThin}

// Conditions are the "when" of questions: what the ad leaves unclear.
var Conditions = []string{
	"no-strategy-owner", // day-to-day work, but nobody named for strategy or budget
	"members-no-hours",  // members to answer, but no word on evenings or weekends
	"after-hours",       // evenings or weekends are asked for
	"no-measures",       // no word on how success is measured
	"several-hats",      // two or three hats at once
	"no-crisis",         // public channels, but no word on who handles a storm
	"community-no-offline",
	"title-mismatch",
}

// Default is the embedded lexicon, loaded and checked once.
var Default = sync.OnceValues(func() (*Lexicon, error) {
	data, err := dataFS.ReadFile("data/lexicon.json")
	if err != nil {
		return nil, err
	}
	e, err := assessment.Default()
	if err != nil {
		return nil, err
	}
	return ParseLexicon(data, e)
})

// ParseLexicon reads and checks a lexicon against the engine's bank and
// model: every competency is known and is part of its hat's profile, every
// basis is an article or the postings, no phrase names two things.
func ParseLexicon(data []byte, e *assessment.Engine) (*Lexicon, error) {
	doc := struct {
		Format string `json:"format"`
		*Lexicon
	}{Lexicon: &Lexicon{}}
	if err := jsonpos.Decode(LexiconFile, data, &doc); err != nil {
		return nil, err
	}
	if doc.Format != "hatcheck-jobad-lexicon" {
		return nil, fmt.Errorf("%s: format is %q, want %q", LexiconFile, doc.Format, "hatcheck-jobad-lexicon")
	}
	lx := doc.Lexicon
	if err := lx.compile(e); err != nil {
		return nil, err
	}
	return lx, nil
}

func (lx *Lexicon) compile(e *assessment.Engine) error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	checkBasis := func(where string, b Basis) {
		if b.File == PostingsBasis {
			if strings.TrimSpace(b.Section) == "" {
				add("%s: a basis in the postings names the kind of posting in \"section\"", where)
			}
			return
		}
		if _, ok := e.Bank.Document(b.File); !ok {
			add("%s: basis %q is neither one of the five articles nor %q", where, b.File, PostingsBasis)
		}
		if strings.TrimSpace(b.Section) == "" {
			add("%s: the basis needs the section of the article", where)
		}
	}
	seen := map[string]string{}
	compile := func(list, where, text string, w float64) *phrase {
		ws := strings.Fields(text)
		ok := len(ws) > 0 && strings.Join(ws, " ") == text
		for _, f := range ws {
			bare := strings.TrimSuffix(f, "*")
			if got := words(bare); len(got) != 1 || got[0] != bare || strings.Contains(bare, "*") || (bare != f && len([]rune(bare)) < 3) {
				ok = false
			}
		}
		if !ok {
			add("%s: phrase %q must be lower-case words without accents or punctuation, separated by single spaces; only the end of a word of three letters or more may be *", where, text)
		}
		// Within one list a phrase names one thing; the lists (competencies,
		// titles, aside, hours, tools, roles) are read separately.
		key := list + "\x00" + text
		if prev, dup := seen[key]; dup {
			add("%s: phrase %q is already used by %s; a phrase names one thing", where, text, prev)
		}
		seen[key] = where
		if w == 0 {
			w = float64(len(ws))
		}
		return &phrase{text: text, words: ws, weight: w}
	}
	// Longest phrases first, so that the first that matches at a place is
	// the most specific; then by text, so that the order never depends on
	// the file's.
	order := func(ps []*phrase) {
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].words) != len(ps[j].words) {
				return len(ps[i].words) > len(ps[j].words)
			}
			return ps[i].text < ps[j].text
		})
	}
	lx.phrases, lx.prefixes = map[string][]*phrase{}, map[string][]*phrase{}
	index := func(p *phrase) {
		if len(p.words) == 0 {
			return
		}
		first := p.words[0]
		if strings.HasSuffix(first, "*") {
			k := strings.TrimSuffix(first, "*")
			lx.prefixes[k] = append(lx.prefixes[k], p)
		} else {
			lx.phrases[first] = append(lx.phrases[first], p)
		}
	}
	for i, en := range lx.Entries {
		where := fmt.Sprintf("%s entry %d (%s/%s)", LexiconFile, i+1, en.Hat, en.Competency)
		if _, ok := e.Bank.Track(en.Hat); !ok {
			add("%s: unknown hat; use one of %s", where, strings.Join(questions.TrackIDs, ", "))
		}
		if _, ok := e.Bank.Competency(en.Competency); !ok {
			add("%s: unknown competency; use an ID from %s", where, questions.VocabularyFile)
		} else if prof, ok := e.Profile(en.Hat); ok && !profileHas(prof, en.Competency) {
			add("%s: %s is not part of the %s profile in %s; name a hat whose profile has it", where, en.Competency, en.Hat, assessment.ModelFile)
		}
		if len(en.Phrases) == 0 {
			add("%s: no phrases", where)
		}
		if len(en.Basis) == 0 {
			add("%s: say what the entry rests on (basis)", where)
		}
		for _, b := range en.Basis {
			checkBasis(where, b)
		}
		if en.Weight < 0 {
			add("%s: weight must not be negative", where)
		}
		for _, t := range en.Phrases {
			p := compile("entries", where, t, en.Weight)
			p.hat, p.competency = en.Hat, en.Competency
			index(p)
		}
	}
	for _, t := range lx.Titles {
		if _, ok := e.Bank.Track(t.Hat); !ok {
			add("%s titles: unknown hat %q", LexiconFile, t.Hat)
		}
		for _, s := range t.Phrases {
			p := compile("titles", LexiconFile+" titles of "+t.Hat, s, 0)
			p.hat = t.Hat
			lx.titles = append(lx.titles, p)
		}
	}
	for _, a := range lx.Aside {
		for _, s := range a.Phrases {
			p := compile("aside", LexiconFile+" aside "+a.ID, s, 0)
			p.id = a.ID
			lx.aside = append(lx.aside, p)
		}
	}
	for _, s := range lx.AfterHours {
		lx.afterHours = append(lx.afterHours, compile("after_hours", LexiconFile+" after_hours", s, 0))
	}
	for _, s := range lx.Tools {
		p := compile("tools", LexiconFile+" tools", s, 0)
		p.id = s
		lx.tools = append(lx.tools, p)
	}
	for _, s := range lx.Roles {
		lx.roles = append(lx.roles, compile("roles", LexiconFile+" roles", s, 0))
	}
	order(lx.roles)
	lx.signals = map[string]Cited{}
	for _, s := range lx.Signals {
		if !contains(SignalIDs, s.ID) {
			add("%s signal %q: unknown; the analysis raises %s", LexiconFile, s.ID, strings.Join(SignalIDs, ", "))
		}
		if strings.TrimSpace(s.Text.String()) == "" {
			add("%s signal %q: no text", LexiconFile, s.ID)
		}
		checkBasis(LexiconFile+" signal "+s.ID, s.Basis)
		lx.signals[s.ID] = s
	}
	for _, id := range SignalIDs {
		if _, ok := lx.signals[id]; !ok {
			add("%s: signal %q has no text; add it under signals", LexiconFile, id)
		}
	}
	qs := map[string]bool{}
	for _, q := range lx.Questions {
		if qs[q.ID] || q.ID == "" {
			add("%s question %q: the id is empty or used twice", LexiconFile, q.ID)
		}
		qs[q.ID] = true
		if !contains(Conditions, q.When) {
			add("%s question %q: unknown condition %q; use one of %s", LexiconFile, q.ID, q.When, strings.Join(Conditions, ", "))
		}
		if strings.TrimSpace(q.Text.String()) == "" {
			add("%s question %q: no text", LexiconFile, q.ID)
		}
		checkBasis(LexiconFile+" question "+q.ID, q.Basis)
	}
	if strings.TrimSpace(lx.Version) == "" {
		add("%s: a version is needed (saved checks record it)", LexiconFile)
	}
	for _, ps := range lx.phrases {
		order(ps)
	}
	for _, ps := range lx.prefixes {
		order(ps)
	}
	if len(problems) > 0 {
		return errors.New("the job-ad lexicon is invalid:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

func profileHas(p *assessment.Profile, competency string) bool {
	for _, c := range p.Competencies {
		if c.ID == competency {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// words splits text into lower-case words of letters and digits, with the
// accents of Latin letters taken off ("Moderación" is "moderacion"), so
// that ads in several languages and with or without accents match the same
// phrases.
func words(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString(fold(unicode.ToLower(r)))
		case r == '\'' || r == '’':
			// "you'll", "member's": the apostrophe ends nothing.
		default:
			flush()
		}
	}
	flush()
	return out
}

// fold takes the accent off a Latin letter.
func fold(r rune) string {
	if r < 0xc0 {
		return string(r)
	}
	if s, ok := accents[r]; ok {
		return s
	}
	return string(r)
}

var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", 'œ': "oe",
}
