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
	bw := bufio.NewWriter(w)
	if doc.Title != "" {
		bw.WriteString("# ")
		mdEscaper.WriteString(bw, doc.Title)
		bw.WriteString("\n\n")
	}
	// body paragraphs are escaped into one reused buffer first: the
	// check for a list marker looks at the escaped text
	var body []byte
	for _, p := range doc.Paras {
		switch {
		case p.IsHeading():
			for range p.Level + 1 {
				bw.WriteByte('#')
			}
			bw.WriteString(" " + p.Number)
			writeMdSpans(bw, p.Heading)
		case p.Level > 0:
			bw.WriteString("**" + p.Number)
			writeMdSpans(bw, p.Heading)
			bw.WriteString("**")
			writeMdSpans(bw, p.Body)
		default:
			body = appendMdSpans(body[:0], p.Body)
			if i := mdListMarker(body); i >= 0 {
				bw.Write(body[:i])
				bw.WriteByte('\\')
				body = body[i:]
			}
			bw.Write(body)
		}
		bw.WriteString("\n\n")
	}
	if doc.Signature.Unit != "" || doc.Signature.Date != "" {
		// Markdown has no right alignment; a hard line break keeps the
		// two lines together as one block.
		sep := false
		for _, s := range []string{doc.Signature.Unit, doc.Signature.Date} {
			if s != "" {
				if sep {
					bw.WriteString("  \n")
				}
				mdEscaper.WriteString(bw, s)
				sep = true
			}
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func writeMdSpans(w *bufio.Writer, spans []Span) {
	for _, s := range spans {
		mdEscaper.WriteString(w, s.Text)
	}
}

// appendMdSpans appends the spans' text escaped.
func appendMdSpans(dst []byte, spans []Span) []byte {
	for _, s := range spans {
		text := s.Text
		for {
			i := strings.IndexAny(text, mdSpecial)
			if i < 0 {
				break
			}
			dst = append(dst, text[:i]...)
			dst = append(dst, '\\', text[i])
			text = text[i+1:]
		}
		dst = append(dst, text...)
	}
	return dst
}

// mdSpecial are the bytes mdEscaper escapes with a backslash.
const mdSpecial = "\\*_`[]<>#|"

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)

// mdListMarker returns where a backslash must go so the paragraph does
// not start a list ("1. " or "- "), or -1.
func mdListMarker(s []byte) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return i
	}
	if len(s) > 1 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' {
		return 0
	}
	return -1
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
