package render

import (
	"bufio"
	"io"
	"strings"
)

// WriteMarkdown writes the draft as Markdown: the title as "#", headings
// on their own line as "##"–"#####" with their numbers, run-in headings
// in bold, and the signature as right-hand lines at the end.
func WriteMarkdown(w io.Writer, doc *Document) error {
	var b strings.Builder
	if doc.Title != "" {
		b.WriteString("# " + mdEscaper.Replace(doc.Title) + "\n\n")
	}
	for _, p := range doc.Paras {
		switch {
		case p.IsHeading():
			b.WriteString(strings.Repeat("#", p.Level+1) + " " + p.Number + mdSpans(p.Heading) + "\n\n")
		case p.Level > 0:
			b.WriteString("**" + p.Number + mdSpans(p.Heading) + "**" + mdSpans(p.Body) + "\n\n")
		default:
			b.WriteString(mdLineStart(mdSpans(p.Body)) + "\n\n")
		}
	}
	if doc.Signature.Unit != "" || doc.Signature.Date != "" {
		// Markdown has no right alignment; a hard line break keeps the
		// two lines together as one block.
		var lines []string
		for _, s := range []string{doc.Signature.Unit, doc.Signature.Date} {
			if s != "" {
				lines = append(lines, mdEscaper.Replace(s))
			}
		}
		b.WriteString(strings.Join(lines, "  \n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdSpans is the spans' text, escaped.
func mdSpans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(mdEscaper.Replace(s.Text))
	}
	return b.String()
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)

// mdLineStart escapes what would make a paragraph start a list ("1. ",
// "12) " or "- ").
func mdLineStart(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s[:i] + `\` + s[i:]
	}
	if len(s) > 1 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' {
		return `\` + s
	}
	return s
}

// WriteText writes the draft as plain text the way Chinese documents are
// pasted into OA systems and mail: the title, a blank line, then one
// paragraph per line indented by two full-width spaces, and the
// signature at the end.
func WriteText(w io.Writer, doc *Document) error {
	bw := bufio.NewWriter(w)
	if doc.Title != "" {
		bw.WriteString(doc.Title + "\n\n")
	}
	for _, p := range doc.Paras {
		bw.WriteString("　　" + p.Number + PlainText(p.Heading) + PlainText(p.Body) + "\n")
	}
	if doc.Signature.Unit != "" || doc.Signature.Date != "" {
		bw.WriteString("\n")
		for _, s := range []string{doc.Signature.Unit, doc.Signature.Date} {
			if s != "" {
				bw.WriteString(strings.Repeat("　", 16) + s + "\n")
			}
		}
	}
	return bw.Flush()
}
