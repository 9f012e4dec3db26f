package importer

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// A Sentence is one sentence a clerk typed in the wizard (完成统计执法检查
// 25家，发现问题12个), cut into its figures and the words around them.
type Sentence struct {
	// Pieces are the words around the figures, braces doubled as in
	// template text: Pieces[i] comes before slot i, the last after all.
	Pieces  []string
	Slots   []int // the figure (index into Figures) each slot writes
	Figures []SentenceFigure
}

// A SentenceFigure is a figure of a Sentence, as nigao proposes to make
// it a field.
type SentenceFigure struct {
	ID     string // its name: a field id, free in taken
	Label  string // the name as words (the id without punctuation)
	Type   schema.FieldType
	Unit   string
	Value  string // the answer: the figure as typed (25, 近300, 1.2万)
	Figure string // as it stood in the sentence, unit included (25家)
}

// ScanSentence finds the figures of a sentence the clerk typed and names
// each as nigao import names a report's figures, with an id that taken
// does not hold (nor another figure of the sentence). Years stay words;
// line breaks and characters a clerk cannot see go, and the sentence
// ends with 。 when the clerk left its end open.
func ScanSentence(sentence string, taken map[string]bool) Sentence {
	c := &converter{rep: &Report{}, next: map[string]int{}, pids: map[string]bool{}}
	var fields []*fieldDef
	sentence = strings.Join(strings.FieldsFunc(schema.StripUnsafe(sentence), func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), "")
	marked := c.prose(endSentence(sentence), &fields)
	used := make(map[string]bool, len(taken))
	for id, ok := range taken {
		used[id] = ok
	}
	c.assignIDs(used)
	var s Sentence
	index := map[string]int{}
	for _, f := range c.all {
		if _, ok := index[f.id]; ok {
			continue // said twice: one figure
		}
		index[f.id] = len(s.Figures)
		s.Figures = append(s.Figures, SentenceFigure{ID: f.id, Label: f.label, Type: schema.FieldType(f.typ), Unit: f.unit, Value: f.answer, Figure: f.figure})
	}
	for {
		i := strings.IndexByte(marked, '\x01')
		if i < 0 {
			break
		}
		j := strings.IndexByte(marked[i:], '\x02') + i
		n, _ := strconv.Atoi(marked[i+1 : j])
		s.Pieces = append(s.Pieces, marked[:i])
		s.Slots = append(s.Slots, index[c.all[n].id])
		marked = marked[j+1:]
	}
	s.Pieces = append(s.Pieces, marked)
	return s
}

// Text is the sentence as template text: {id} where each figure stood.
func (s Sentence) Text() string {
	var b strings.Builder
	for i, p := range s.Pieces {
		b.WriteString(p)
		if i < len(s.Slots) {
			b.WriteString("{" + s.Figures[s.Slots[i]].ID + "}")
		}
	}
	return b.String()
}

// endSentence trims s and ends it as a sentence: a trailing comma or
// nothing becomes 。; 。！？；… stay.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "，,、 ")
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("。！？；.!?;…", r) {
		return s
	}
	return s + "。"
}
