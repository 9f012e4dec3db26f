package render

import (
	"bufio"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file writes the body of a Document as WordprocessingML paragraphs.
//
// Into a user's own template, every paragraph and run carries its full
// formatting directly, not only a style reference: that template's Normal
// and Heading styles may be anything (Word's blue Calibri headings, a
// numbered outline). Into the built-in skeleton, whose styles are GB/T 9704
// (render/docx/skeleton/word/styles.xml), paragraphs and runs name
// their styles and carry nothing else: the clerk can then change, say, the
// body font for the whole draft by changing one style, and the document is
// a third of the size, which makes writing it (mostly deflating it) three
// times faster. Styles are named (Title, Heading1–4) either way, so Word's
// navigation pane and pandoc see the outline.

// Fonts. Latin letters and digits are Times New Roman; the East Asian font
// is set per paragraph kind. No theme fonts: they would follow the Office
// theme instead of GB/T 9704.
const (
	wmlLatin     = "Times New Roman"
	wmlFontTitle = "方正小标宋简体"
	wmlFangsong  = "仿宋_GB2312"
	wmlKaiti     = "楷体_GB2312"
	wmlHeiti     = "黑体"
)

// Sizes in half-points and lengths in twips (GB/T 9704 layout, see design.md).
const (
	wmlSizeTitle = 44  // 2号
	wmlSizeBody  = 32  // 3号
	wmlLinePitch = 579 // exact line spacing: 22 lines in the 225 mm text area
	wmlCondense  = -5  // condense 3号 runs by 0.25pt so 28 characters fit 156 mm
	wmlCharWidth = 320 // one 3号 character, for indents given in twips
)

// wmlFormat is how a run of text looks.
type wmlFormat struct {
	eastAsia string
	size     int
	bold     bool
	spacing  int // w:spacing in twentieths of a point, written even if 0

	missing bool // a 【待填】 marker: highlighted so it is easy to find
	// charStyle is the skeleton's character style for this look where the
	// paragraph's style does not give it (a run-in heading), or "".
	charStyle string
}

var (
	wmlTitle    = wmlFormat{eastAsia: wmlFontTitle, size: wmlSizeTitle}
	wmlBodyText = wmlFormat{eastAsia: wmlFangsong, size: wmlSizeBody, spacing: wmlCondense}
	// heading formats by level 1–4: 一、黑体, （一）楷体, 1. bold 仿宋, （1）仿宋
	wmlHeading = [5]wmlFormat{
		1: {eastAsia: wmlHeiti, size: wmlSizeBody, spacing: wmlCondense},
		2: {eastAsia: wmlKaiti, size: wmlSizeBody, spacing: wmlCondense},
		3: {eastAsia: wmlFangsong, size: wmlSizeBody, spacing: wmlCondense, bold: true},
		4: {eastAsia: wmlFangsong, size: wmlSizeBody, spacing: wmlCondense},
	}
)

// wmlWriter writes paragraphs to b, which in a package being written is
// the buffer in front of the main document's compressor: the body is never
// held whole in memory. bufio.Writer keeps the first write error for Flush
// to report, so the write methods return nothing.
type wmlWriter struct {
	b *bufio.Writer
	wmlOptions
}

// wmlOptions says what the template leaves to the generated body.
type wmlOptions struct {
	title     bool // write the title and the customary blank line under it
	signature bool // write the signature block
	// noNumbering switches list numbering off in headings, for templates
	// with a numbering part, whose heading styles may be numbered.
	noNumbering bool
	// styled: the template's styles are the built-in skeleton's, so
	// paragraphs and runs name them instead of spelling them out.
	styled bool
}

// Character styles of the skeleton for heading text that runs into a
// body paragraph, by level; level 4 looks like body text.
var wmlHeadingChar = [5]string{1: "Heading1Char", 2: "Heading2Char", 3: "Heading3Char"}

// wmlBody writes doc's paragraphs, with the title and signature if opt
// says so; a user's template may place those itself with {{标题}},
// {{单位}} and {{日期}}.
func wmlBody(doc *Document, opt wmlOptions) string {
	var s strings.Builder
	b := bufio.NewWriter(&s)
	writeWMLBody(b, doc, opt)
	b.Flush() // a strings.Builder never fails
	return s.String()
}

// writeWMLBody is wmlBody writing to b, so the body can go straight into
// the zip rather than through a string of its own.
func writeWMLBody(b *bufio.Writer, doc *Document, opt wmlOptions) {
	w := wmlWriter{b: b, wmlOptions: opt}
	if w.title && strings.TrimSpace(doc.Title) != "" {
		w.titlePara(doc.Title)
		w.blank()
	}
	for _, p := range doc.Paras {
		w.para(p)
	}
	if w.signature {
		w.signatureBlock(doc.Signature)
	}
}

func (w *wmlWriter) titlePara(text string) {
	w.b.WriteString(`<w:p>`)
	w.pPr(wmlPPr{style: "Title", jc: "center", outline: -1})
	for i, line := range titleLines(text) {
		if i > 0 {
			w.b.WriteString(`<w:r><w:br/></w:r>`)
		}
		w.run(line, wmlTitle)
	}
	w.b.WriteString(`</w:p>`)
}

// blank writes an empty line of body height.
func (w *wmlWriter) blank() {
	if w.styled {
		w.b.WriteString(`<w:p/>`)
		return
	}
	w.b.WriteString(`<w:p>`)
	w.pPr(wmlPPr{jc: "both", outline: -1})
	w.b.WriteString(`</w:p>`)
}

// para writes a body paragraph, a heading on its own line, or a run-in
// heading followed by its body text in one paragraph.
func (w *wmlWriter) para(p Para) {
	lv := min(max(p.Level, 0), 4)
	if lv > 0 && lv < 3 && p.Number == "" {
		// the only heading of its level, unnumbered: 黑体 and 楷体 go with
		// the numbers 一、 and （一） (GB/T 9704), so it takes the look of a
		// 1. heading, bold 仿宋
		lv = 3
	}
	w.b.WriteString(`<w:p>`)
	if lv > 0 && p.IsHeading() {
		w.pPr(wmlPPr{style: wmlHeadingStyle[lv], heading: true, indent: 200, jc: "both", outline: lv - 1})
	} else {
		w.pPr(wmlPPr{indent: 200, jc: "both", outline: -1})
	}
	if lv > 0 {
		hf := wmlHeading[lv]
		if !p.IsHeading() {
			// run-in: the heading's look comes from a character style
			hf.charStyle = wmlHeadingChar[lv]
		}
		w.run(p.Number, hf)
		w.spans(p.Heading, hf)
	}
	w.spans(p.Body, wmlBodyText)
	w.b.WriteString(`</w:p>`)
}

var wmlHeadingStyle = [5]string{1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}

// signatureBlock writes the unit name and the date, right-aligned, after a blank
// line. Following GB/T 9704 for documents without a seal, the unit stands
// two characters from the right margin and the date starts two characters
// right of the unit's first character; a date longer than that stands two
// characters from the margin and pushes the unit left.
func (w *wmlWriter) signatureBlock(s Signature) {
	unit, date := strings.TrimSpace(s.Unit), strings.TrimSpace(s.Date)
	if unit == "" && date == "" {
		return
	}
	// Widths and right indents in quarter characters.
	uw, dw := wmlWidth(unit), wmlWidth(date)
	ur, dr := 8, uw-dw
	if unit == "" {
		dr = 8
	} else if dr < 8 {
		dr, ur = 8, dw+16-uw
	}
	w.blank()
	for _, l := range [...]struct {
		text  string
		right int
	}{{unit, ur}, {date, dr}} {
		if l.text == "" {
			continue
		}
		w.b.WriteString(`<w:p>`)
		// the unit is never left at a page's foot without its date
		keep := l.text == unit && date != ""
		w.pPr(wmlPPr{right: true, keep: keep, indent: l.right * 25, jc: "right", outline: -1})
		w.run(l.text, wmlBodyText)
		w.b.WriteString(`</w:p>`)
	}
}

// wmlWidth estimates the width of s in quarter characters: CJK and
// full-width forms take a whole character, Latin letters and digits about
// half, and Word and LibreOffice put about a quarter between the two.
func wmlWidth(s string) int {
	n, prevWide, first := 0, false, true
	for _, r := range s {
		wide := r >= 0x1100
		if !first && wide != prevWide {
			n++
		}
		if wide {
			n += 4
		} else {
			n += 2
		}
		prevWide, first = wide, false
	}
	return n
}

// wmlPPr is what a paragraph's properties say.
type wmlPPr struct {
	style   string // paragraph style id, "" for Normal
	heading bool   // a heading on its own line, kept with the next
	keep    bool   // kept with the next (the signature's unit, with its date)
	right   bool   // indent is the right indent (signature), else the first-line one
	indent  int    // hundredths of a character
	jc      string // alignment
	outline int    // outline level 0–3, -1 for body text
}

// pPr writes paragraph properties. Spacing and indents are always written,
// 0 included, so nothing leaks in from the Normal style of a user's
// template; elements follow the schema order (CT_PPrBase), as Word wants.
func (w *wmlWriter) pPr(p wmlPPr) {
	if w.styled {
		w.styledPPr(p)
		return
	}
	w.b.WriteString(`<w:pPr>`)
	if p.style != "" {
		w.b.WriteString(`<w:pStyle w:val="`)
		w.b.WriteString(p.style)
		w.b.WriteString(`"/>`)
	}
	if p.heading || p.keep {
		w.b.WriteString(`<w:keepNext/>`)
	}
	// Widow control off: it would move lines and break 22 lines a page.
	w.b.WriteString(`<w:widowControl w:val="0"/>`)
	if p.heading && w.noNumbering {
		// numId 0 switches off any list numbering a user's template ties
		// to its heading styles; our numbers are already in the text.
		// Not written otherwise: pandoc would read a list paragraph.
		w.b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`)
	}
	// Punctuation may hang past the right margin: a full 28-character line
	// has no room left, and LibreOffice drops a closing mark it cannot
	// place unless it is allowed to overflow.
	w.b.WriteString(`<w:overflowPunct w:val="1"/>`)
	w.b.WriteString(wmlSpacing)
	right, first := 0, 0
	if p.right {
		right = p.indent
	} else {
		first = p.indent
	}
	w.b.WriteString(`<w:ind w:left="0" w:leftChars="0" w:right="`)
	w.int(right * wmlCharWidth / 100)
	w.b.WriteString(`" w:rightChars="`)
	w.int(right)
	w.b.WriteString(`" w:firstLine="`)
	w.int(first * wmlCharWidth / 100)
	w.b.WriteString(`" w:firstLineChars="`)
	w.int(first)
	w.b.WriteString(`"/><w:jc w:val="`)
	w.b.WriteString(p.jc)
	w.b.WriteString(`"/>`)
	if p.outline >= 0 {
		w.b.WriteString(`<w:outlineLvl w:val="`)
		w.int(p.outline)
		w.b.WriteString(`"/>`)
	}
	// The paragraph mark takes body size so an empty line is a body line.
	w.b.WriteString(wmlMarkRPr)
}

// styledPPr writes what a paragraph's style does not say: the style
// (Normal, a body paragraph, is the default) and the signature's indents.
func (w *wmlWriter) styledPPr(p wmlPPr) {
	switch {
	case p.right:
		w.b.WriteString(`<w:pPr>`)
		if p.keep {
			w.b.WriteString(`<w:keepNext/>`)
		}
		w.b.WriteString(`<w:ind w:right="`)
		w.int(p.indent * wmlCharWidth / 100)
		w.b.WriteString(`" w:rightChars="`)
		w.int(p.indent)
		w.b.WriteString(`" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/></w:pPr>`)
	case p.style != "":
		w.b.WriteString(`<w:pPr><w:pStyle w:val="`)
		w.b.WriteString(p.style)
		w.b.WriteString(`"/></w:pPr>`)
	}
}

// Constant markup of pPr.
var (
	wmlSpacing = `<w:spacing w:before="0" w:after="0" w:line="` + strconv.Itoa(wmlLinePitch) + `" w:lineRule="exact"/>`
	wmlMarkRPr = `<w:rPr><w:sz w:val="` + strconv.Itoa(wmlSizeBody) + `"/><w:szCs w:val="` + strconv.Itoa(wmlSizeBody) + `"/></w:rPr></w:pPr>`
)

// int writes n in decimal, formatted in place in b's free space: a buffer
// of its own would escape to the heap through b's Write.
func (w *wmlWriter) int(n int) {
	w.b.Write(strconv.AppendInt(w.b.AvailableBuffer(), int64(n), 10))
}

// spans writes spans as runs, merging neighbours that look the same and
// giving missing-figure markers their own highlighted run.
func (w *wmlWriter) spans(spans []Span, f wmlFormat) {
	for i := 0; i < len(spans); {
		if spans[i].Missing != nil {
			mf := f
			mf.missing = true
			w.run(spans[i].Text, mf)
			i++
			continue
		}
		j := i + 1
		for j < len(spans) && spans[j].Missing == nil {
			j++
		}
		if j == i+1 {
			w.run(spans[i].Text, f)
		} else {
			w.run(PlainText(spans[i:j]), f)
		}
		i = j
	}
}

// run writes one run; empty text writes nothing.
func (w *wmlWriter) run(text string, f wmlFormat) {
	if text == "" {
		return
	}
	w.b.WriteString(`<w:r>`)
	w.rPr(f)
	w.b.WriteString(`<w:t xml:space="preserve">`)
	wmlEscape(w.b, text)
	w.b.WriteString(`</w:t></w:r>`)
}

func (w *wmlWriter) rPr(f wmlFormat) {
	if w.styled {
		// The paragraph's style gives the look, or a character style.
		switch {
		case f.charStyle != "" && f.missing:
			w.b.WriteString(`<w:rPr><w:rStyle w:val="`)
			w.b.WriteString(f.charStyle)
			w.b.WriteString(`"/><w:highlight w:val="yellow"/></w:rPr>`)
		case f.charStyle != "":
			w.b.WriteString(`<w:rPr><w:rStyle w:val="`)
			w.b.WriteString(f.charStyle)
			w.b.WriteString(`"/></w:rPr>`)
		case f.missing:
			w.b.WriteString(`<w:rPr><w:highlight w:val="yellow"/></w:rPr>`)
		}
		return
	}
	// Element order follows the schema (CT_RPr); Word rejects other orders.
	w.b.WriteString(`<w:rPr><w:rFonts w:ascii="` + wmlLatin + `" w:hAnsi="` + wmlLatin + `" w:eastAsia="`)
	w.b.WriteString(f.eastAsia)
	// hint: ambiguous characters such as “” and … take the Chinese font.
	w.b.WriteString(`" w:cs="` + wmlLatin + `" w:hint="eastAsia"/>`)
	if f.bold {
		w.b.WriteString(`<w:b/><w:bCs/>`)
	} else {
		w.b.WriteString(`<w:b w:val="0"/><w:bCs w:val="0"/>`)
	}
	w.b.WriteString(`<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>`)
	w.b.WriteString(`<w:spacing w:val="`)
	w.int(f.spacing)
	w.b.WriteString(`"/><w:sz w:val="`)
	w.int(f.size)
	w.b.WriteString(`"/><w:szCs w:val="`)
	w.int(f.size)
	w.b.WriteString(`"/>`)
	if f.missing {
		w.b.WriteString(`<w:highlight w:val="yellow"/>`)
	}
	w.b.WriteString(`</w:rPr>`)
}

// wmlEscape writes s as the content of a <w:t> element: escaped, with
// characters XML 1.0 forbids dropped, invalid UTF-8 shown as U+FFFD, and
// line breaks and tabs turned into <w:br/> and <w:tab/> (a <w:t> cannot
// hold them). Text that needs none of this is written in whole stretches,
// not character by character.
func wmlEscape(b *bufio.Writer, s string) {
	done := 0 // s[:done] is written
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		var repl string
		switch {
		case r == '<':
			repl = "&lt;"
		case r == '>':
			repl = "&gt;"
		case r == '&':
			repl = "&amp;"
		case r == '"':
			repl = "&quot;"
		case r == '\n':
			repl = `</w:t><w:br/><w:t xml:space="preserve">`
		case r == '\t':
			repl = `</w:t><w:tab/><w:t xml:space="preserve">`
		case r == '\r':
			// dropped: "\r\n" is one line break, written for the "\n"
		case r == utf8.RuneError && n == 1:
			repl = string(utf8.RuneError)
		case !wmlChar(r) || unicode.IsControl(r):
			// Dropped: C0 controls, which XML 1.0 forbids, C1 controls,
			// which it allows but no document wants, U+FFFE and U+FFFF.
		default:
			i += n
			continue
		}
		b.WriteString(s[done:i])
		b.WriteString(repl)
		i += n
		done = i
	}
	b.WriteString(s[done:])
}

// wmlChar reports whether r may appear in an XML 1.0 document.
func wmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
