package importer

import (
	"regexp"
	"sync"

	"github.com/nigao/nigao/schema"
	"strings"
	"unicode/utf8"
)

// Heading numbering styles, in the order official documents use them.
const (
	styleCN       = iota + 1 // 一、
	styleParenCN             // （一）, also （） whose numeral was lost
	styleNum                 // 1. or 1、
	styleParenNum            // （1）
	styleMarkdown            // + number of #: a Markdown heading without a numeral
)

var (
	reCN = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[一二三四五六七八九十]{1,3}\s*[、．.]\s*`)
	})
	reParenCN = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[（(]\s*[一二三四五六七八九十]{0,3}\s*[)）]\s*`)
	})
	reNum      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,2}\s*[.．、]\s*`) })
	reParenNum = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[（(][0-9]{1,2}[)）]\s*`) })
)

// headingStyle recognizes a numbered heading at the start of s and
// returns its style and the length in bytes of the number.
func headingStyle(s string) (style, int, bool) {
	if strings.HasPrefix(s, mdMark) && len(s) > 1 {
		rest := s[2:]
		if st, n, ok := numberStyle(rest); ok {
			return st, n + 2, true
		}
		return style(styleMarkdown + int(s[1]-'0')), 2, true
	}
	return numberStyle(s)
}

type style int

func numberStyle(s string) (style, int, bool) {
	if m := reCN().FindString(s); m != "" {
		return styleCN, len(m), true
	}
	if m := reParenCN().FindString(s); m != "" {
		return styleParenCN, len(m), true
	}
	if m := reNum().FindString(s); m != "" {
		// 1.5万亩 is a number, not a heading
		if r, _ := utf8.DecodeRuneInString(s[len(m):]); r >= '0' && r <= '9' {
			return 0, 0, false
		}
		return styleNum, len(m), true
	}
	if m := reParenNum().FindString(s); m != "" {
		return styleParenNum, len(m), true
	}
	return 0, 0, false
}

// A part of the outline: a numbered heading and what follows it.
type part struct {
	level   int
	style   style // of its number
	heading string
	runin   bool
	said    bool // the numbered line was one sentence ending in 。
	paras   []string
	parts   []*part
	id      string
}

type outline struct {
	title    string
	opening  []string
	sections []*part
	closing  []string
	sigUnit  string
	sigDate  string
}

var (
	titleWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`总结|汇报|报告|思路|计划|材料|情况|要点|安排|述职|打算|方案`)
	})
	reDateLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2}))$`)
	})
	reClosing = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(总之|综上|总而言之|新的一年|展望|今后，|回首|让我们|\d{4}年，?(我镇|我们|我局|全镇|我街道|我乡|我区|我中心)将)`)
	})
	// an unnumbered line that starts a part of its own: 2023年工作思路,
	// 存在的问题, 下一步工作打算
	rePartLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:(?:\d{4}年度?|下一步|下步|今后|明年|下半年|下一年度?)的?(?:主要)?工作(?:思路|计划|打算|安排|重点|目标|设想)|存在的?(?:主要)?问题(?:和|及|与)?(?:不足)?|(?:\d{4}年度?)(?:主要)?工作(?:总结|情况|回顾))$`)
	})
	unitEnds = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(人民政府|委员会|办事处|局|办公室|党委|政府|中心|街道|镇|乡|残联|场|室|所|站|院|会)$`)
	})
)

// buildOutline finds title, opening, numbered parts, closing and
// signature in the paragraphs.
func buildOutline(paras []string, rep *Report) *outline {
	o := &outline{}
	// title
	if len(paras) > 0 {
		p := paras[0]
		if strings.HasPrefix(p, mdMark) && len(p) > 1 && (p[1] == '1' || loneTopHeading(paras)) {
			o.title = strings.TrimSpace(p[2:])
			paras = paras[1:]
		} else if _, _, ok := headingStyle(p); !ok && utf8.RuneCountInString(p) <= 60 &&
			!strings.ContainsAny(p, "，。；,;") && titleWords().MatchString(p) {
			o.title = p
			paras = paras[1:]
		}
		for len(paras) > 0 && o.title != "" && paras[0] == o.title {
			rep.Removed = append(rep.Removed, paras[0]+"（重复的标题）")
			paras = paras[1:]
		}
	}
	// signature: a date line at the end, and the unit above it
	if n := len(paras); n > 0 && reDateLine().MatchString(paras[n-1]) && validDate(paras[n-1]) {
		o.sigDate = paras[n-1]
		paras = paras[:n-1]
		if n := len(paras); n > 0 {
			p := paras[n-1]
			if _, _, ok := headingStyle(p); !ok && utf8.RuneCountInString(p) <= 40 && !strings.ContainsAny(p, "，。；：,;:") && unitEnds().MatchString(p) {
				o.sigUnit = p
				paras = paras[:n-1]
			}
		}
	}

	var stack []style // heading styles in use, outermost first
	var open []*part  // open parts by level-1
	var cur *part     // innermost open part
	for i, p := range paras {
		st, n, ok := headingStyle(p)
		level := 0
		if ok {
			for i, s := range stack {
				if s == st {
					level = i + 1
				}
			}
			if level == 0 && len(stack) < 4 {
				level = len(stack) + 1
			}
		}
		if level == 0 && !ok && cur != nil && i+1 < len(paras) && rePartLine().MatchString(p) {
			// "2023年工作思路" on its own line after the numbered parts: a
			// part of its own, not a sentence of the part before it
			np := &part{level: 1, heading: p, style: stack[0]}
			o.sections = append(o.sections, np)
			open, cur = []*part{np}, np
			stack = stack[:1]
			rep.Headings++
			continue
		}
		if level == 0 {
			if ok && strings.HasPrefix(p, mdMark) {
				p = strings.TrimSpace(p[n:])
			}
			if cur == nil {
				o.opening = append(o.opening, p)
			} else {
				cur.paras = append(cur.paras, p)
			}
			continue
		}
		stack = append(stack[:level-1], st)
		rep.Headings++
		np := &part{level: level, style: st}
		text := strings.TrimSpace(p[n:])
		np.heading, np.runin = splitHeading(text, &np.paras)
		if h, body, ok := splitSentence(text); ok && !np.runin && st < styleMarkdown {
			np.heading, np.runin = h, true
			np.paras = append(np.paras, body)
		}
		np.said = !np.runin && st < styleMarkdown && strings.HasSuffix(text, "。")
		if level == 1 {
			o.sections = append(o.sections, np)
		} else {
			parent := open[level-2]
			parent.parts = append(parent.parts, np)
		}
		open = append(open[:level-1], np)
		cur = np
	}
	// closing: trailing paragraphs of the last part that sum up
	if cur != nil {
		min := 0
		if cur.runin {
			min = 1
		}
		i := len(cur.paras)
		for i > min && reClosing().MatchString(cur.paras[i-1]) {
			i--
		}
		if i < len(cur.paras) && len(cur.parts) == 0 {
			o.closing = append(o.closing, cur.paras[i:]...)
			cur.paras = cur.paras[:i]
		}
	}
	// a numbered sentence with nothing under it (（一）确保参保率稳定在97%以上。)
	// is an item of a list, not a heading: it runs in, so the draft keeps
	// its 。 (after the closing is taken off the last part, which may be one)
	var items func(ps []*part)
	items = func(ps []*part) {
		for _, p := range ps {
			if p.said && len(p.paras) == 0 && len(p.parts) == 0 {
				p.runin = true
			}
			items(p.parts)
		}
	}
	items(o.sections)
	return o
}

// loneTopHeading reports that the first paragraph is a heading without
// a number and no heading after it is as high: the report's title in a
// heading style (a .docx whose title is in "heading 1", sections below).
func loneTopHeading(paras []string) bool {
	first := paras[0]
	if _, _, ok := numberStyle(first[2:]); ok {
		return false
	}
	for _, p := range paras[1:] {
		if strings.HasPrefix(p, mdMark) && len(p) > 1 && p[1] <= first[1] {
			return false
		}
	}
	return true
}

func validDate(s string) bool {
	_, err := schema.ParseDate(strings.ReplaceAll(s, " ", ""))
	return err == nil
}

// splitHeading separates a heading from the paragraph it runs into: the
// heading is the first sentence when more text follows it.
func splitHeading(s string, paras *[]string) (heading string, runin bool) {
	i := strings.IndexAny(s, "。！？")
	if i < 0 {
		return s, false
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	rest := strings.TrimSpace(s[i+size:])
	h := s[:i]
	if r != '。' {
		h = s[:i+size]
	}
	if rest == "" {
		return h, false
	}
	// a closing quote or bracket belongs to the heading sentence
	for rest != "" {
		c, sz := utf8.DecodeRuneInString(rest)
		if c != '”' && c != '’' && c != '）' {
			break
		}
		h += string(c)
		rest = rest[sz:]
	}
	if rest == "" {
		return h, false
	}
	*paras = append(*paras, rest)
	return h, true
}

// A numbered line longer than headings are (the samples' run to about 40
// characters), or one of figures and commas, is a paragraph with a number:
// its first clause, comma kept, runs in as its heading, so the draft reads
// as the report did (1.结合……活动，开展……认知。), not as a heading of a
// hundred characters that lost its 。.
const maxHeadingRunes = 40

// splitSentence splits a numbered one-sentence paragraph at its first
// comma or colon outside quotes and brackets, into the heading that runs
// in (comma kept) and the rest as written; a heading it leaves alone.
func splitSentence(text string) (heading, body string, ok bool) {
	rs := []rune(strings.TrimRight(text, "。"))
	if len(rs) <= maxHeadingRunes && !(strings.ContainsAny(text, "，,") && hasFigure(rs)) {
		return "", "", false
	}
	rs = []rune(text)
	depth := 0
	for i, r := range rs {
		switch {
		case strings.ContainsRune(openers, r):
			depth++
		case strings.ContainsRune("”’）)》〕】」", r):
			depth = max(depth-1, 0)
		case depth == 0 && strings.ContainsRune("，：,:", r) && i+1 < len(rs):
			return string(rs[:i+1]), string(rs[i+1:]), true
		}
	}
	return "", "", false
}

// hasFigure reports a figure with a unit in rs (a year is none).
func hasFigure(rs []rune) bool {
	for _, f := range scanFigures(rs, 0) {
		if !f.isYear && !f.date {
			return true
		}
	}
	return false
}
