package schema

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxSourceSize bounds template and answers files; real ones are a few
// tens of KB.
const maxSourceSize = 4 << 20

var (
	templateKeys  = []string{"id", "version", "name", "kind", "description", "imported_from", "title", "info", "opening", "sections", "closing", "signature"}
	partKeys      = []string{"id", "use", "heading", "headings", "runin", "optional", "when", "fields", "text", "paragraphs", "items", "drop", "numbering", "from", "for", "figures"}
	fieldKeys     = []string{"id", "label", "type", "unit", "decimals", "required", "example", "help", "default", "choices", "min", "max", "compute", "previous", "from", "review", "for"}
	paragraphKeys = []string{"text", "when", "join", "continues", "for"}
	signatureKeys = []string{"unit", "date"}
	libraryKeys   = []string{"library", "description", "sections"}
)

// source is one YAML file being read: its name and lines, for positions.
// Lines are split only when a position needs them (mostly for messages),
// so the text is not even copied to a string until then.
type source struct {
	name  string
	src   []byte
	once  sync.Once
	split []string
}

func newSource(name string, src []byte) *source {
	return &source{name: name, src: src}
}

func (s *source) lines() []string {
	s.once.Do(func() { s.split = strings.Split(string(s.src), "\n") })
	return s.split
}

// loader decodes yaml.Node trees into template types, collecting every
// problem with its position instead of stopping at the first.
type loader struct {
	src  *source
	lib  *Library
	errs ErrorList
	uses []string   // library sections being expanded, to catch use-cycles
	x    *expansion // the template's size so far, use: sections included
	kind string     // the template's kind: what for: keeps ("" keeps everything)
	// exprs counts the expressions compiled (countExpr)
	exprs int
}

func (l *loader) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: l.src.name}
	}
	return Pos{File: l.src.name, Line: n.Line, Col: n.Column}
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.errs.add(l.pos(n), format, args...)
}

// Parse parses YAML source as Load and Library.Add do, returning the root
// node (not the document node).
func Parse(name string, src []byte) (*yaml.Node, error) {
	root, _, err := parseYAML(name, src)
	return root, err
}

// parseYAML parses src into a document node, turning yaml's own errors
// into positioned ones, and measures it with its aliases expanded.
func parseYAML(name string, src []byte) (*yaml.Node, *expansion, error) {
	if len(src) > maxSourceSize {
		return nil, nil, tooLarge(Pos{File: name}, fmt.Sprintf("文件过大（%d 字节，上限 %d）", len(src), maxSourceSize))
	}
	if !utf8.Valid(src) {
		return nil, nil, &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "文件不是 UTF-8 编码；请在编辑器中“另存为 UTF-8”"}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, yamlError(name, src, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil, &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "文件是空的"}
	}
	x, err := expand(name, len(src), doc.Content[0])
	if err != nil {
		return nil, nil, err
	}
	return doc.Content[0], x, nil
}

// fieldMap is a checked mapping. Template mappings have a handful of
// keys and are read a few times each, so scanning the pairs is cheaper
// than building maps. Only allowed keys are looked up, so the first pair
// with a key is the one that counts (later ones were reported).
type fieldMap struct {
	unknown bool         // some key was not allowed
	node    *yaml.Node   // as given, perhaps an alias
	pairs   []*yaml.Node // key, value, …; nil when not a mapping
}

// val returns the value of key (aliases resolved), or nil.
func (m fieldMap) val(key string) *yaml.Node {
	for i := 0; i+1 < len(m.pairs); i += 2 {
		if m.pairs[i].Value == key {
			return resolve(m.pairs[i+1])
		}
	}
	return nil
}

// key returns the key node of key, for positions, or nil.
func (m fieldMap) key(key string) *yaml.Node {
	for i := 0; i+1 < len(m.pairs); i += 2 {
		if m.pairs[i].Value == key {
			return m.pairs[i]
		}
	}
	return nil
}

func (m fieldMap) has(key string) bool { return m.key(key) != nil }

func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// checkedMap checks that n is a mapping with only the allowed keys; unknown
// keys are reported on their own line with the closest known key.
func (l *loader) checkedMap(n *yaml.Node, what string, allowed []string) fieldMap {
	m := fieldMap{node: n}
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s应当是“键: 值”的映射，这里是%s%s", what, kindName(n), colonHint(n))
		return m
	}
	m.pairs = n.Content
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		key := kn.Value
		if !contains(allowed, key) {
			m.unknown = true
			if s := suggest(key, allowed); s != "" {
				l.errorf(kn, "%s中没有“%s”这个键，是不是“%s”？", what, key, s)
			} else {
				l.errorf(kn, "%s中没有“%s”这个键（可用的键：%s）", what, key, strings.Join(allowed, "、"))
			}
			continue
		}
		if prev := (fieldMap{pairs: n.Content[:i]}).key(key); prev != nil {
			l.errorf(kn, "键“%s”重复（第 %d 行已有）", key, prev.Line)
		}
	}
	return m
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "列表"
	case yaml.MappingNode:
		return "映射"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "空值"
		}
		return "“" + clip(n.Value, 20) + "”"
	}
	return "别的内容"
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (l *loader) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" && n.Value == "" {
		if n.Kind == yaml.ScalarNode {
			return ""
		}
		l.errorf(n, "%s应当是一段文字，这里是%s", what, kindName(n))
		return ""
	}
	return n.Value
}

func (l *loader) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "True", "TRUE", "yes", "是":
			return true
		case "false", "False", "FALSE", "no", "否":
			return false
		}
	}
	l.errorf(n, "%s应当是 true 或 false，这里是%s", what, kindName(n))
	return false
}

func (l *loader) integer(n *yaml.Node, what string) (int, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v, true
		}
	}
	l.errorf(n, "%s应当是整数，这里是%s", what, kindName(n))
	return 0, false
}

func (l *loader) float(n *yaml.Node, what string) *float64 {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if v, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return &v
		}
	}
	l.errorf(n, "%s应当是数字，这里是%s", what, kindName(n))
	return nil
}

// strings accepts a list of strings or a single string.
func (l *loader) strs(n *yaml.Node, what string) ([]string, []*yaml.Node) {
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s应当是文字列表，这里是%s", what, kindName(n))
		return nil, nil
	}
	var out []string
	var nodes []*yaml.Node
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			l.errorf(c, "%s的每一项应当是一段文字，这里是%s", what, kindName(c))
			continue
		}
		out = append(out, c.Value)
		nodes = append(nodes, c)
	}
	return out, nodes
}

func (l *loader) seq(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s应当是列表（每项以“- ”开头），这里是%s", what, kindName(n))
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode && c.Alias != nil {
			c = c.Alias
		}
		out = append(out, c)
	}
	return out
}

// prose parses a scalar's text into Prose; slots are compiled later,
// once every field is known.
func (l *loader) prose(n *yaml.Node, text string) Prose {
	p := Prose{Src: text, Pos: l.pos(n)}
	segs, slots, off, err := scanProse(text)
	if err != nil {
		l.errs.add(l.locateOffset(n, text, off), "%v", err)
		return p
	}
	i := 0
	for _, s := range segs {
		if s.Slot != nil {
			s.Slot.site = &slotSite{l: l, node: n, text: text, raw: slots[i]}
			i++
		}
	}
	p.Segs = segs
	return p
}

// paragraphs splits a scalar on blank lines into paragraphs, joining the
// lines inside each (Chinese prose has no spaces between lines).
func (l *loader) paragraphs(n *yaml.Node, what string) []*Paragraph {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		var out []*Paragraph
		for _, text := range splitParagraphs(n) {
			out = append(out, &Paragraph{Text: l.prose(n, text)})
		}
		return out
	case yaml.SequenceNode:
		var out []*Paragraph
		for _, c := range l.seq(n, what) {
			if c.Kind == yaml.ScalarNode {
				for _, text := range splitParagraphs(c) {
					out = append(out, &Paragraph{Text: l.prose(c, text)})
				}
				continue
			}
			m := l.checkedMap(c, what+"的一段", paragraphKeys)
			if !m.has("text") {
				l.errorf(c, "%s的一段缺少 text", what)
				continue
			}
			if !l.forKind(m) {
				continue
			}
			para := &Paragraph{Text: l.prose(m.val("text"), joinLines(l.str(m.val("text"), "text")))}
			para.When = l.expr(m.val("when"))
			if jn := m.val("join"); jn != nil {
				para.Join = l.boolean(jn, "join")
			}
			if cn := m.val("continues"); cn != nil {
				para.Continues = l.boolean(cn, "continues")
			}
			out = append(out, para)
		}
		return out
	}
	l.errorf(n, "%s应当是一段文字或段落列表，这里是%s", what, kindName(n))
	return nil
}

// forKind reports whether what m describes belongs in a template of the
// kind being loaded: for: names the kinds of report it is for (半年总结,
// or a list); without it, or in a library checked alone, it always does.
func (l *loader) forKind(m fieldMap) bool {
	n := m.val("for")
	if n == nil {
		return true
	}
	var kinds []string
	if n.Kind == yaml.SequenceNode {
		kinds, _ = l.strs(n, "for")
	} else {
		kinds = []string{l.str(n, "for")}
	}
	return l.kind == "" || slices.Contains(kinds, l.kind)
}

// firstContinues reports a first paragraph marked continues: there is no
// paragraph before it to lean on.
func (l *loader) firstContinues(ps []*Paragraph) {
	if len(ps) > 0 && ps[0].Continues {
		l.errs.add(ps[0].Text.Pos, "continues: true 表示这一段承接上一段，但它是第一段，前面没有段落")
	}
}

// splitParagraphs cuts a scalar into paragraphs at blank lines. YAML has
// already folded all but literal (|) scalars, turning a blank line into a
// single newline, so for those every newline is a paragraph break.
func splitParagraphs(n *yaml.Node) []string {
	s := strings.ReplaceAll(n.Value, "\r\n", "\n")
	sep := "\n"
	if n.Style == yaml.LiteralStyle {
		sep = "\n\n"
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = joinLines(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// joinLines removes line breaks inside a paragraph. A space is kept only
// between two Latin letters or digits, where it separates words.
func joinLines(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, ln := range lines {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(ln)
			if last < 0x80 && first < 0x80 && isWordRune(last) && isWordRune(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(ln)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func (l *loader) expr(n *yaml.Node) *Expr {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
		l.errorf(n, "表达式应当是一段文字，这里是%s", kindName(n))
		return nil
	}
	return &Expr{Src: n.Value, Pos: l.valueStart(n)}
}

// valueStart is the position of a scalar's first character: after the
// opening quote, or on the line after a block indicator (| or >).
func (l *loader) valueStart(n *yaml.Node) Pos {
	p := l.pos(n)
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p.Col++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		p.Line++
		if lines := l.src.lines(); p.Line-1 < len(lines) {
			ln := lines[p.Line-1]
			p.Col = len(ln) - len(strings.TrimLeft(ln, " ")) + 1
		}
	}
	return p
}

// locateSlot finds where a slot's text sits in the source, searching from
// the scalar's position; a slot repeated in the same scalar is matched by
// occurrence.
func (l *loader) locateSlot(n *yaml.Node, text string, s rawSlot) Pos {
	needle := "{" + s.src + "}"
	prefix := string([]rune(text)[:max(0, s.offset-1)])
	occ := strings.Count(prefix, needle)
	if p, ok := l.search(n, needle, occ); ok {
		p.Col++
		return p
	}
	return l.valueStart(n)
}

func (l *loader) locateOffset(n *yaml.Node, text string, off int) Pos {
	p := l.valueStart(n)
	if n.Style == yaml.LiteralStyle || n.Style == yaml.FoldedStyle || strings.Contains(text, "\n") {
		return p
	}
	p.Col += off
	return p
}

// search finds the occ-th (0-based) occurrence of needle in the source at
// or after n's position, returning its 1-based line and rune column.
func (l *loader) search(n *yaml.Node, needle string, occ int) (Pos, bool) {
	lines := l.src.lines()
	for li := max(0, n.Line-1); li < len(lines); li++ {
		ln := lines[li]
		from := 0
		if li == n.Line-1 {
			from = byteIndexOfCol(ln, n.Column)
		}
		for {
			i := strings.Index(ln[from:], needle)
			if i < 0 {
				break
			}
			if occ == 0 {
				return Pos{File: l.src.name, Line: li + 1, Col: utf8.RuneCountInString(ln[:from+i]) + 1}, true
			}
			occ--
			from += i + len(needle)
		}
		if li-n.Line > 200 {
			break
		}
	}
	return Pos{}, false
}

func byteIndexOfCol(s string, col int) int {
	i := 0
	for c := 1; c < col && i < len(s); c++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
