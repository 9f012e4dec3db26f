package render

import (
	"bufio"
	"cmp"
	"errors"
	"html"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file finds and fills {{占位符}} in the XML parts of a .docx template.
//
// Word splits text into runs wherever formatting, spell-check marks or edit
// history change, so "{{单位}}" typed in Word often ends up as "{{", "单位"
// and "}}" in three runs. Placeholders are therefore matched on the joined
// text of a paragraph; a placeholder spanning several <w:t> nodes is moved
// whole into the first of them (taking that run's formatting) and removed
// from the others. Only <w:t> contents change; everything else in the part
// is copied byte for byte, since encoding/xml cannot round-trip
// WordprocessingML's namespaces faithfully.

// wmlPlaceholders returns the index pairs of every {{名称}} in text, as
// regexp's FindAllStringSubmatchIndex would for
// `\{\{\s*([^{}\s][^{}]{0,40}?)\s*\}\}`: the whole placeholder, then the
// name, which is at most 41 characters with spaces (ASCII, as \s) around
// it allowed. Matched by hand rather than by regexp, which is slower and
// costs every run of the program its compilation.
func wmlPlaceholders(text string) [][]int {
	var out [][]int
	for i := 0; ; {
		k := strings.Index(text[i:], "{{")
		if k < 0 {
			return out
		}
		start := i + k
		i = start + 1 // on failure, "{{{" may still start one a byte later
		// Between the braces there is no brace, so it runs to the first.
		inner := start + 2
		end := strings.IndexAny(text[inner:], "{}")
		if end < 0 {
			return out
		}
		end += inner
		if !strings.HasPrefix(text[end:], "}}") {
			continue
		}
		name := strings.Trim(text[inner:end], wmlSpace)
		if name == "" || utf8.RuneCountInString(name) > 41 {
			continue
		}
		from := inner + len(text[inner:end]) - len(strings.TrimLeft(text[inner:end], wmlSpace))
		out = append(out, []int{start, end + 2, from, from + len(name)})
		i = end + 2
	}
}

// wmlSpace is what \s matches in Go's regexp.
const wmlSpace = "\t\n\f\r "

// wmlBodyName is the reserved placeholder for the generated body.
const wmlBodyName = "正文"

// wmlTextNode is the byte range of one <w:t> element in a part.
type wmlTextNode struct {
	tag, start, end int // start of "<w:t…>", start and end of its content
}

// wmlPara is a paragraph of a part that holds at least one placeholder.
type wmlPara struct {
	start, end int           // byte range of <w:p …>…</w:p>
	nodes      []wmlTextNode // its own text nodes, not those of nested paragraphs
	text       string        // unescaped contents of nodes, joined
	bounds     []int         // offset in text where each node begins, plus len(text)
	matches    [][]int       // placeholder submatch indexes into text
}

// wmlPart is one XML part (document, header or footer) with its
// placeholders located.
type wmlPart struct {
	src   string
	paras []wmlPara
}

// parseWMLPart locates the placeholders of an XML part that is known to be
// well-formed.
func parseWMLPart(src string) (*wmlPart, error) {
	p := &wmlPart{src: src}
	if !strings.Contains(src, "{") {
		return p, nil // nothing to fill; the common case for footers
	}
	type open struct {
		start int
		nodes []wmlTextNode
	}
	var stack []open
	text := -1 // index of the content start of an open <w:t>, or -1
	textTag := 0
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		j += i
		// Comments, CDATA, processing instructions and declarations hold
		// no markup we care about; skip them whole.
		if skip := wmlSkip(src[j:]); skip != "" {
			k := strings.Index(src[j:], skip)
			if k < 0 {
				return nil, errors.New("未闭合的 XML 注释或声明")
			}
			i = j + k + len(skip)
			continue
		}
		end := wmlTagEnd(src, j)
		if end < 0 {
			return nil, errors.New("未闭合的 XML 标签")
		}
		tag := src[j : end+1]
		closing := strings.HasPrefix(tag, "</")
		selfClosing := strings.HasSuffix(tag, "/>")
		switch wmlTagName(tag) {
		case "w:p":
			switch {
			case selfClosing:
			case !closing:
				stack = append(stack, open{start: j})
			case len(stack) > 0:
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				p.addPara(o.start, end+1, o.nodes)
			}
		case "w:t":
			switch {
			case selfClosing:
			case !closing:
				text, textTag = end+1, j
			case text >= 0 && len(stack) > 0:
				top := &stack[len(stack)-1]
				top.nodes = append(top.nodes, wmlTextNode{tag: textTag, start: text, end: j})
				text = -1
			}
		}
		i = end + 1
	}
	return p, nil
}

// addPara records a paragraph if its joined text holds a placeholder.
func (p *wmlPart) addPara(start, end int, nodes []wmlTextNode) {
	if len(nodes) == 0 {
		return
	}
	var b strings.Builder
	bounds := make([]int, 0, len(nodes)+1)
	for _, n := range nodes {
		bounds = append(bounds, b.Len())
		b.WriteString(html.UnescapeString(p.src[n.start:n.end]))
	}
	bounds = append(bounds, b.Len())
	text := b.String()
	m := wmlPlaceholders(text)
	if m == nil {
		return
	}
	p.paras = append(p.paras, wmlPara{start: start, end: end, nodes: nodes, text: text, bounds: bounds, matches: m})
}

// count reports how many times the placeholder name occurs.
func (p *wmlPart) count(name string) int {
	n := 0
	for _, para := range p.paras {
		for _, m := range para.matches {
			if para.text[m[2]:m[3]] == name {
				n++
			}
		}
	}
	return n
}

// fill writes to w the part with every placeholder replaced by value(name)
// and every paragraph holding {{正文}} replaced, whole, by what body writes
// (nothing if body is nil). Write errors are left in w for its Flush.
func (p *wmlPart) fill(w *bufio.Writer, value func(name string) string, body func(*bufio.Writer)) {
	type edit struct {
		start, end int
		body       bool   // the body goes first
		text       string // raw markup after a body, else a node's new text
	}
	var edits []edit
	for _, para := range p.paras {
		if p.hasBody(para) {
			edits = append(edits, edit{para.start, para.end, true, wmlKeepSection(p.src[para.start:para.end])})
			continue
		}
		for k, text := range para.nodeTexts(value) {
			if text == para.text[para.bounds[k]:para.bounds[k+1]] {
				continue
			}
			n := para.nodes[k]
			edits = append(edits, edit{n.tag, n.end, false, text})
		}
	}
	// A paragraph nested in another (a text box) has its edits between
	// the outer paragraph's; apply all in document order.
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue // inside a paragraph already replaced by the body
		}
		w.WriteString(p.src[last:e.start])
		if e.body {
			if body != nil {
				body(w)
			}
			w.WriteString(e.text)
		} else {
			// The start tag is rewritten so spaces at either end survive.
			w.WriteString(`<w:t xml:space="preserve">`)
			wmlEscape(w, e.text)
		}
		last = e.end
	}
	w.WriteString(p.src[last:])
}

func (p *wmlPart) hasBody(para wmlPara) bool {
	for _, m := range para.matches {
		if para.text[m[2]:m[3]] == wmlBodyName {
			return true
		}
	}
	return false
}

// nodeTexts returns the new text of each node: text outside placeholders
// stays in its node, and each placeholder's value goes to the node where
// the placeholder begins.
func (para wmlPara) nodeTexts(value func(string) string) []string {
	out := make([]string, len(para.nodes))
	node := func(off int) int { // the node holding text offset off
		return sort.SearchInts(para.bounds[1:], off+1)
	}
	keep := func(from, to int) { // text[from:to] stays where it is
		for from < to {
			k := node(from)
			end := min(to, para.bounds[k+1])
			out[k] += para.text[from:end]
			from = end
		}
	}
	cur := 0
	for _, m := range para.matches {
		keep(cur, m[0])
		out[node(m[0])] += value(para.text[m[2]:m[3]])
		cur = m[1]
	}
	keep(cur, len(para.text))
	return out
}

// wmlKeepSection returns, as an empty paragraph, the section properties a
// replaced paragraph carried (Word keeps a section's page setup in the
// last paragraph of all but the final section), or "".
func wmlKeepSection(para string) string {
	i := strings.Index(para, "<w:sectPr")
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(para, "</w:sectPr>")
	if j < i {
		// <w:sectPr/>, or something odd: keep nothing rather than guess.
		return ""
	}
	return "<w:p><w:pPr>" + para[i:j+len("</w:sectPr>")] + "</w:pPr></w:p>"
}

// wmlSkip returns the terminator of a comment, CDATA section, processing
// instruction or declaration starting s, or "" for an element tag.
func wmlSkip(s string) string {
	switch {
	case strings.HasPrefix(s, "<!--"):
		return "-->"
	case strings.HasPrefix(s, "<![CDATA["):
		return "]]>"
	case strings.HasPrefix(s, "<?"):
		return "?>"
	case strings.HasPrefix(s, "<!"):
		return ">"
	}
	return ""
}

// wmlTagEnd returns the index of the '>' closing the tag that starts at i,
// skipping quoted attribute values (which may hold '>'), or -1.
func wmlTagEnd(s string, i int) int {
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// wmlTagName returns the qualified name of a tag such as "<w:t xml:space=…>"
// or "</w:p>".
func wmlTagName(tag string) string {
	name := strings.TrimPrefix(strings.TrimPrefix(tag, "<"), "/")
	if i := strings.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	return name
}
