package schema

import (
	"fmt"

	"go.yaml.in/yaml/v3"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prose is template text with slots: "上半年共缴纳党费{党费合计}元".
// A slot holds an expression and optional filters: {财政收入|万元}.
// "{{" and "}}" stand for literal braces.
type Prose struct {
	Src  string
	Segs []Segment
	Pos  Pos
}

// A Segment is literal text or, when Slot is set, a slot.
type Segment struct {
	Text string
	Slot *Slot
}

// A Slot is one {expression|filter…} in prose.
type Slot struct {
	Src     string // between the braces
	Expr    *Expr
	Filters []string
	Field   *Field // set when the expression is a single field id

	site *slotSite // where it was read, resolved to a Pos only for messages
}

// slotSite remembers enough to find a slot in its source file. Finding it
// costs a search, so it is done only when there is something to report.
type slotSite struct {
	l    *loader
	node *yaml.Node
	text string
	raw  rawSlot
	pos  *Pos
}

// Pos is the position of the slot's first character after '{'.
func (s *Slot) Pos() Pos {
	if s.site == nil {
		return Pos{}
	}
	if s.site.pos == nil {
		p := s.site.l.locateSlot(s.site.node, s.site.text, s.site.raw)
		s.site.pos = &p
	}
	return *s.site.pos
}

// IsZero reports whether the prose is empty.
func (p Prose) IsZero() bool { return p.Src == "" }

// Fields returns the ids of the fields the prose reads.
func (p Prose) Fields() []string {
	var out []string
	for _, s := range p.Segs {
		if s.Slot != nil && s.Slot.Expr != nil {
			out = append(out, s.Slot.Expr.Idents...)
		}
	}
	return out
}

// Filters nigao knows, by name. Each is documented in
// docs/template-format.md; render implements them.
var Filters = map[string]string{
	"万":    "以万为单位：12000 → 1.2万",
	"亿":    "以亿为单位",
	"元":    "金额换算为元",
	"万元":   "金额换算为万元：12345678元 → 1234.57万元",
	"亿元":   "金额换算为亿元",
	"%":    "百分数：95.5 → 95.5%",
	"单位":   "数字后加上字段的单位：300 → 300家",
	"一是":   "列表写成“一是……；二是……”",
	"顿号":   "列表写成“A、B和C”",
	"或":    "列表写成“A、B或C”",
	"分号":   "列表各项用分号隔开",
	"日期":   "日期写成2022年8月29日",
	"年月":   "日期写成2022年8月",
	"月日":   "日期写成8月29日",
	"整数":   "四舍五入到整数",
	"1位小数": "保留1位小数",
	"2位小数": "保留2位小数",
	"中文":   "小整数写成汉字：3 → 三",
	"增减":   "有正负的变化写成词：5.6 → 增长5.6%，-3.2 → 下降3.2%，0 → 持平（百分数；个百分点写提高、降低，其他数字写增加、减少）",
	"同比":   "与上年同期比较：同比增长12.3% / 同比下降4.1% / 与上年持平；百分数比的是百分点：同比提高1.5个百分点",
	"上年":   "上年同期的值",
}

// rawSlot is a slot found by scanProse, before compiling.
type rawSlot struct {
	src    string
	offset int // rune offset of the slot's first character after '{'
}

// scanProse splits text into literal text and slots. It reports an
// unbalanced brace by its rune offset.
func scanProse(text string) (segs []Segment, slots []rawSlot, badOffset int, err error) {
	// Literal text is a substring of text unless it holds "{{" or "}}",
	// which are unescaped into esc.
	var esc strings.Builder
	from := 0 // start of the literal text not yet in esc
	flush := func(end int) {
		if esc.Len() == 0 {
			if end > from {
				segs = append(segs, Segment{Text: text[from:end]})
			}
			return
		}
		esc.WriteString(text[from:end])
		segs = append(segs, Segment{Text: esc.String()})
		esc.Reset()
	}
	runeOff := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '{' && strings.HasPrefix(text[i:], "{{"), r == '}' && strings.HasPrefix(text[i:], "}}"):
			esc.WriteString(text[from:i])
			esc.WriteByte(text[i])
			i += 2
			runeOff += 2
			from = i
			continue
		case r == '}':
			return nil, nil, runeOff, fmt.Errorf("多余的“}”：如要写花括号本身，请写成“}}”")
		case r == '{':
			end, ok := slotEnd(text[i+1:])
			if !ok {
				return nil, nil, runeOff, fmt.Errorf("“{”没有对应的“}”")
			}
			flush(i)
			src := text[i+1 : i+1+end]
			slots = append(slots, rawSlot{src: src, offset: runeOff + 1})
			segs = append(segs, Segment{Slot: &Slot{Src: src}})
			n := end + 2
			runeOff += utf8.RuneCountInString(text[i : i+n])
			i += n
			from = i
			continue
		}
		i += size
		runeOff++
	}
	flush(len(text))
	return segs, slots, 0, nil
}

// slotEnd finds the '}' closing a slot, skipping braces nested in
// expressions and quoted strings.
func slotEnd(s string) (int, bool) {
	depth := 0
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '{':
			depth++
		case r == '}':
			if depth == 0 {
				return i, true
			}
			depth--
		case r == '\n':
			return 0, false
		}
	}
	return 0, false
}

// splitFilters peels "|filter" suffixes off a slot. A suffix is taken as
// a filter when it is a single word; expr's own "|" pipes and "||" stay in
// the expression.
func splitFilters(src string) (string, []string) {
	var filters []string
	for {
		i := strings.LastIndexByte(src, '|')
		if i <= 0 || src[i-1] == '|' {
			break
		}
		name := strings.TrimSpace(src[i+1:])
		if name == "" || !isFilterWord(name) {
			break
		}
		filters = append([]string{name}, filters...)
		src = src[:i]
	}
	return strings.TrimSpace(src), filters
}

func isFilterWord(s string) bool {
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%') {
			return false
		}
	}
	return true
}

// IsIdent reports whether s can be a field id: letters (Chinese included),
// digits and underscores, not starting with a digit, and not an expression
// keyword.
func IsIdent(s string) bool {
	if s == "" || builtinNames[s] || exprKeywords[s] {
		return false
	}
	for i, r := range s {
		if !(unicode.IsLetter(r) || r == '_' || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

var exprKeywords = map[string]bool{"and": true, "or": true, "not": true, "in": true, "matches": true, "contains": true, "startsWith": true, "endsWith": true, "let": true, "if": true, "else": true}
