package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"regexp"
)

// encode writes the template and the answers. yaml.v3's encoder keeps
// every event of a document in memory and copies them as it grows, which
// took most of the time on long reports; our shapes are few and simple,
// so they are written directly (scalars quoted whenever plain style
// could be misread), and the tests and fuzzer load every result back.
func (d *document) encode() ([]byte, []byte, error) {
	w := &yamlWriter{}
	for _, ln := range strings.Split(fmt.Sprintf(`由 nigao import 从“%s”生成：原文的结构和文字成了模板，数字成了字段（{字段}），
原来的数字在同名的答案文件里。改标题、删段落、给字段换个更贴切的 label 都可以，改完用 nigao lint 检查。
今年的稿子：复制一份答案文件改数字，nigao render -t 本文件 -a 今年.yaml --previous 上年.yaml -o 稿子.docx；
在正文里写 {字段|同比} 就有“同比增长12.3%%”，{字段|上年} 是上年的数。`, oneLine(d.source)), "\n") {
		w.line(0, "# "+ln)
	}
	w.kv(0, "id", d.id)
	w.line(0, "version: 1")
	w.kv(0, "name", d.name)
	w.kv(0, "kind", d.kind)
	w.kv(0, "description", "由 nigao import 从“"+d.source+"”生成")
	w.kv(0, "imported_from", d.source)
	w.kv(0, "title", d.title)
	if len(d.info) > 0 {
		w.line(0, "info:")
		w.fields(2, d.info)
	}
	if len(d.opening) > 0 {
		w.text(0, "opening", d.opening)
	}
	w.line(0, "sections:")
	for _, p := range d.sections {
		w.part(2, p)
	}
	if len(d.closing) > 0 {
		w.text(0, "closing", d.closing)
	}
	if d.sigUnit != "" || d.sigDate != "" {
		w.line(0, "signature:")
		if d.sigUnit != "" {
			w.kv(2, "unit", d.sigUnit)
		}
		if d.sigDate != "" {
			w.kv(2, "date", d.sigDate)
		}
	}
	tpl := w.buf.Bytes()

	a := &yamlWriter{}
	a.line(0, "# 从“"+oneLine(d.source)+"”导入的数字，是模板 "+d.id+" 的答案（上年数）。")
	a.line(0, "template: {id: "+scalar(d.id, true)+", version: 1}")
	a.line(0, "values:")
	var all []*fieldDef
	all = append(all, d.info...)
	var walk func(ps []*docPart)
	walk = func(ps []*docPart) {
		for _, p := range ps {
			all = append(all, p.fields...)
			walk(p.parts)
		}
	}
	walk(d.sections)
	for _, f := range all {
		switch {
		case f.sameAs != nil:
		case f.placeholder:
			a.line(2, scalar(f.id, false)+": # 原文为“"+oneLine(f.orig)+"”，待填")
		case f.label != f.id:
			a.line(2, scalar(f.id, false)+": "+scalar(f.answer, false)+" # "+oneLine(f.label))
		default:
			a.line(2, scalar(f.id, false)+": "+scalar(f.answer, false))
		}
	}
	return tpl, a.buf.Bytes(), nil
}

type yamlWriter struct{ buf bytes.Buffer }

func (w *yamlWriter) line(indent int, s string) {
	for range indent {
		w.buf.WriteByte(' ')
	}
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
}

func (w *yamlWriter) kv(indent int, k, v string) { w.line(indent, k+": "+scalar(v, false)) }

func (w *yamlWriter) fields(indent int, fs []*fieldDef) {
	for _, f := range fs {
		if f.sameAs != nil {
			continue
		}
		var b strings.Builder
		b.WriteString("- {id: " + scalar(f.id, true))
		if f.label != f.id {
			b.WriteString(", label: " + scalar(f.label, true))
		}
		b.WriteString(", type: " + f.typ)
		if f.unit != "" {
			b.WriteString(", unit: " + scalar(f.unit, true))
		}
		if f.review {
			b.WriteString(", review: true")
		}
		b.WriteString("}")
		if f.placeholder {
			b.WriteString(" # 原文为“" + oneLine(f.orig) + "”，待填")
		}
		w.line(indent, b.String())
	}
}

// text writes paragraphs: short ones as a scalar, others as a literal
// block, one sentence per line and a blank line between paragraphs.
func (w *yamlWriter) text(indent int, key string, paras []string) {
	if len(paras) == 1 && utf8.RuneCountInString(paras[0]) <= 60 {
		w.kv(indent, key, paras[0])
		return
	}
	for _, p := range paras {
		if !literalSafe(p) {
			w.kv(indent, key, strings.Join(paras, "\n"))
			return
		}
	}
	w.line(indent, key+": |-")
	for i, p := range paras {
		if i > 0 {
			w.buf.WriteByte('\n')
		}
		for _, ln := range strings.Split(breakSentences(p), "\n") {
			w.line(indent+2, ln)
		}
	}
}

func (w *yamlWriter) part(indent int, p *docPart) {
	in := indent + 2
	if p.id != "" {
		w.line(indent, "- id: "+scalar(p.id, false))
		w.kv(in, "heading", p.heading)
	} else {
		w.line(indent, "- heading: "+scalar(p.heading, false))
	}
	if p.runin {
		w.line(in, "runin: true")
	}
	if p.numbering != "" {
		w.kv(in, "numbering", p.numbering)
	}
	if slices.ContainsFunc(p.fields, func(f *fieldDef) bool { return f.sameAs == nil }) {
		w.line(in, "fields:")
		w.fields(in+2, p.fields)
	}
	if len(p.text) > 0 {
		w.text(in, "text", p.text)
	}
	if len(p.parts) > 0 {
		w.line(in, "items:")
		for _, q := range p.parts {
			w.part(in+2, q)
		}
	}
}

// oneLine makes s fit on one comment line: a line break, or any character
// YAML does not allow in a document (C1 controls such as U+0089 included),
// becomes a space.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || !printable(r) {
			return ' '
		}
		return r
	}, s)
}

// printable is YAML's c-printable, minus the marks that make trouble.
func printable(r rune) bool {
	return r == '\t' || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff && r != 0x2028 && r != 0x2029 || r >= 0xe000 && r <= 0xfffd && r != 0xfeff || r >= 0x10000 && r <= 0x10ffff
}

// literalSafe reports text that can go into a literal block as is.
func literalSafe(s string) bool {
	if s == "" || s[0] == ' ' || s[0] == '\t' || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t") {
		return false
	}
	for _, r := range s {
		if !printable(r) {
			return false
		}
	}
	return true
}

// scalar writes s plain when no YAML reader could take it for anything
// else, double-quoted otherwise.
func scalar(s string, flow bool) string {
	plain := s != "" && utf8.ValidString(s)
	if plain {
		nonASCII := false
		for i, r := range s {
			if r >= 0x80 {
				nonASCII = true
			}
			if !printable(r) || r == '\t' || strings.ContainsRune(":#{}[],&*!|>'\"%@`\\?~", r) || i == 0 && (r == '-' || r == ' ') {
				plain = false
				break
			}
		}
		// ASCII-only words may be numbers, booleans or null
		if !nonASCII && (!reSafeASCII().MatchString(s) || yamlWords[strings.ToLower(s)]) {
			plain = false
		}
		if strings.HasSuffix(s, " ") {
			plain = false
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		case !printable(r) || r == 0xfeff:
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var yamlWords = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "null": true, "y": true, "n": true}

var reSafeASCII = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]*$`) })

// breakSentences puts a line break after each 。！？ that ends a sentence
// within a paragraph (and after a ； when the line is long), never before
// a closing quote or bracket. The loader joins the lines of a paragraph
// again; only a break between two Latin letters or digits would add a
// space, and there is none after these marks.
func breakSentences(p string) string {
	rs := []rune(p)
	var b strings.Builder
	lineLen := 0
	for i, r := range rs {
		b.WriteRune(r)
		lineLen++
		if i+1 >= len(rs) {
			break
		}
		switch rs[i+1] {
		case '”', '’', '）', ')', '」', '』', '】', ' ', '\t', '\u3000':
			continue
		}
		if r == '。' || r == '！' || r == '？' || r == '；' && lineLen > 30 {
			b.WriteByte('\n')
			lineLen = 0
		}
	}
	return b.String()
}
