package schema

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 says where it gave up, not what is wrong: a full-width colon is
// "could not find expected ':'" a line or two on, a Tab is reported on the
// line before it, a misindented key points at the start of its list. So
// when a file does not parse, yamlError reads the lines itself, as a
// person would, for the first mistake a clerk makes by hand, and says in
// Chinese which character on which line is wrong and how to fix it;
// yaml's own report is the fallback.

// yamlError converts "yaml: line 3: mapping values are not allowed …"
// into file:line:col: message, placed on the culprit when one is found.
func yamlError(name string, src []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 0, 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, e := strconv.Atoi(rest[:i]); e == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	if i := strings.Index(msg, "column "); i >= 0 {
		rest := msg[i+len("column "):]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, e := strconv.Atoi(rest[:j]); e == nil {
			col = n
		}
	}
	if line == 0 {
		line = 1
	}
	if c, ok := findCulprit(src, msg, line); ok {
		return &Error{Pos: Pos{File: name, Line: c.line, Col: c.col}, Msg: "YAML 格式错误：" + c.msg}
	}
	return &Error{Pos: Pos{File: name, Line: line, Col: col}, Msg: "YAML 格式错误：" + glossYAML(msg)}
}

// glossYAML says in Chinese what yaml's message usually means, when no
// culprit was found on the lines themselves.
func glossYAML(m string) string {
	switch {
	case strings.Contains(m, "mapping values are not allowed"):
		return "这里的英文冒号“:”用得不对（常见原因：冒号后的文字里又有英文冒号“:”，请给整段文字加引号，或改用中文冒号“：”；或者这一行缩进多了）"
	case strings.Contains(m, "could not find expected ':'"):
		return "这里少了“键: 值”中的英文冒号和空格（常见原因：用了中文冒号“：”，或冒号后面没有空格）"
	case strings.Contains(m, "tab character"):
		return "这里用了 Tab 缩进；YAML 只能用空格缩进，请把 Tab 换成空格"
	case strings.Contains(m, "found character that cannot start any token"):
		return "这里有 YAML 不认的字符（常见原因：行首用了 Tab 缩进，请改用空格；或者值以 @、` 开头，请给整段文字加引号）"
	case strings.Contains(m, "did not find expected key"), strings.Contains(m, "did not find expected '-' indicator"),
		strings.Contains(m, "did not find expected node content"):
		return "缩进没有对齐（同一层的键要左对齐，列表项的“- ”要对齐）"
	case strings.Contains(m, "found unexpected end of stream"), strings.Contains(m, "did not find expected whitespace or line break"):
		return "引号没有成对（开头有引号，结尾也要有同样的引号）"
	case strings.Contains(m, "found unknown escape character"):
		return "双引号里的反斜杠“\\”要写成“\\\\”，或改用单引号"
	}
	return m + "（请检查这一行和上一行的缩进、冒号和引号）"
}

// culprit is the mistake found on the lines: 1-based line, 1-based
// character column, and what to tell the clerk.
type culprit struct {
	line, col int
	msg       string
}

// yline is one line as the scanner sees it.
type yline struct {
	num    int    // 1-based
	text   string // without the line break
	lead   string // leading whitespace (spaces, tabs, full-width spaces)
	col    int    // where the structure begins: the dash of an item, else the key
	item   bool   // "- …"
	keyCol int    // where the key (or the item's value) begins
	rest   string // text from keyCol on, comment not removed
	off    int    // byte offset of rest in text
	key    string // "" when rest is not "key: value"
	value  string // after "key:", trimmed, comment removed; else rest
	valOff int    // byte offset of value in text
}

// level is one open block: a mapping whose keys start at col, or a list
// whose dashes do.
type level struct {
	col  int
	seq  bool
	same bool // a list at its parent key's column (key:\n- a)
	line int  // the line that set it, for messages
	what string
}

// findCulprit scans src for the first hand-editing mistake that makes
// YAML fail. msg and line are yaml's report: a mistake yaml reports on
// or after the line it is on is not looked for further down than that.
func findCulprit(src []byte, msg string, line int) (culprit, bool) {
	limit := 1 << 30
	for _, m := range []string{"mapping values are not allowed", "could not find expected ':'", "tab character", "cannot start any token"} {
		if strings.Contains(msg, m) {
			limit = line + 1
		}
	}
	c, ok := scanYAML(splitLines(src))
	if !ok || c.line > limit {
		return culprit{}, false
	}
	return c, true
}

// yamlLineBreaks makes every YAML line break a "\n": a lone "\r" (old
// Mac files) ends a line too, and the parser counts lines that way.
var yamlLineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func splitLines(src []byte) []yline {
	raw := strings.Split(yamlLineBreaks.Replace(string(src)), "\n")
	out := make([]yline, len(raw))
	for i, t := range raw {
		t = strings.TrimSuffix(t, "\r")
		l := yline{num: i + 1, text: t}
		body := strings.TrimLeft(t, " \t　")
		l.lead = t[:len(t)-len(body)]
		l.col = utf8.RuneCountInString(l.lead)
		l.keyCol, l.rest, l.off = l.col, body, len(l.lead)
		if body == "-" || strings.HasPrefix(body, "- ") || strings.HasPrefix(body, "-\t") {
			l.item = true
			after := strings.TrimLeft(body[1:], " \t")
			l.keyCol = l.col + 1 + (len(body) - 1 - len(after))
			l.rest, l.off = after, len(t)-len(after)
		}
		var voff int
		l.key, l.value, voff = splitKey(l.rest)
		if l.key == "" {
			l.value, voff = stripComment(l.rest), 0
		}
		l.valOff = l.off + voff
		out[i] = l
	}
	return out
}

// splitKey cuts "key: value # comment" into key and value (and the
// value's byte offset in s); key is "" when s is not a mapping entry.
func splitKey(s string) (key, value string, off int) {
	if s == "" || s[0] == '[' || s[0] == '{' || s[0] == '#' {
		return "", "", 0
	}
	i := 0
	if s[0] == '"' || s[0] == '\'' {
		end := closingQuote(s, 1, s[0])
		if end < 0 {
			return "", "", 0
		}
		i = end + 1
	}
	for ; i < len(s); i++ {
		if s[i] == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
			return "", "", 0
		}
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			v := s[i+1:]
			off = i + 1 + len(v) - len(strings.TrimLeft(v, " \t"))
			return strings.TrimSpace(s[:i]), stripComment(strings.TrimSpace(v)), off
		}
	}
	return "", "", 0
}

// closingQuote finds the quote closing a scalar opened at from-1, or -1.
func closingQuote(s string, from int, q byte) int {
	for i := from; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// stripComment removes " # …" from a plain value.
func stripComment(v string) string {
	if strings.HasPrefix(v, "#") {
		return ""
	}
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		return v
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

func isBlank(l yline) bool {
	return l.rest == "" && !l.item || strings.HasPrefix(l.rest, "#") && !l.item
}

// runeCol is the 1-based character column of byte offset i in s.
func runeCol(s string, i int) int { return utf8.RuneCountInString(s[:i]) + 1 }

// scanYAML walks the lines keeping the open blocks, and returns the first
// line that breaks them.
func scanYAML(lines []yline) (culprit, bool) {
	var stack []level
	opened := true // the line before ends with "key:" or "-": a block may open
	valued := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if isBlank(l) || l.col == 0 && (strings.HasPrefix(l.text, "---") || strings.HasPrefix(l.text, "...") || strings.HasPrefix(l.text, "%")) {
			continue
		}
		if j := strings.IndexAny(l.lead, "\t　"); j >= 0 {
			return leadCulprit(l, j), true
		}
		top := level{col: -1}
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		structural := l.item || l.key != ""
		switch {
		case l.col > top.col && opened:
			if !structural {
				// the first line under "key:": a value of its own, unless
				// the lines after it are keys at its column
				if next, ok := nextContent(lines, i); ok && next.col == l.col && next.key != "" && !next.item {
					return brokenKey(l), true
				}
				break
			}
			stack = append(stack, l.level(l.col))
		case l.col == top.col && opened && l.item && !top.seq:
			lv := l.level(l.col)
			lv.same = true
			stack = append(stack, lv)
		case l.col > top.col:
			if structural {
				return deeperCulprit(l, lines[:i], stack), true
			}
			if !valued {
				return brokenKey(l), true
			}
			continue // a long plain value goes on
		default:
			var popped *level
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				if p.col < l.col || p.col == l.col && !(p.same && !l.item) {
					break
				}
				popped = &p
				stack = stack[:len(stack)-1]
			}
			top = level{col: -1}
			if len(stack) > 0 {
				top = stack[len(stack)-1]
			}
			switch {
			case top.col != l.col:
				return misaligned(l, popped, top), true
			case !structural:
				return brokenKey(l), true
			case top.seq && !l.item:
				return keyInList(l, top, popped), true
			case !top.seq && l.item:
				return itemInMapping(l, top), true
			}
		}
		if l.item && l.key != "" {
			// the item's own mapping: "- id: a" opens keys at id's column
			stack = append(stack, level{col: l.keyCol, line: l.num, what: l.key})
		}
		v := l.value
		if l.item && l.key == "" && v != "" && !startsFlow(v) && !isQuoted(v) {
			// "- id：a" followed by that item's keys
			if next, ok := nextContent(lines, i); ok && next.col == l.keyCol && next.key != "" && !next.item {
				return brokenKey(l), true
			}
		}
		opened, valued = v == "", v != ""
		if c, ok := valueCulprit(l); ok {
			return c, true
		}
		// skip what a value spans: a block scalar, a quoted or flow
		// value over several lines
		switch {
		case isBlockIndicator(v):
			parent := l.col
			if l.key != "" {
				parent = l.keyCol
			}
			for i+1 < len(lines) && (isBlank(lines[i+1]) || lines[i+1].col > parent) {
				i++
			}
			valued = false
		case isQuoted(v) && closingQuote(v, 1, v[0]) < 0:
			end, c, ok := quotedEnd(lines, i)
			if ok {
				return c, true
			}
			i = end
		case startsFlow(v):
			i = flowEnd(lines, i, v)
		}
	}
	return culprit{}, false
}

// level is the block a structural line opens at col.
func (l yline) level(col int) level {
	what := l.key
	if l.item {
		what = "- " + clip(strings.TrimSpace(stripComment(l.rest)), 12)
	}
	return level{col: col, seq: l.item, line: l.num, what: what}
}

func (l yline) label() string {
	if l.key != "" {
		return l.key
	}
	return clip(strings.TrimSpace(l.rest), 12)
}

func nextContent(lines []yline, i int) (yline, bool) {
	for j := i + 1; j < len(lines); j++ {
		if !isBlank(lines[j]) {
			return lines[j], true
		}
	}
	return yline{}, false
}

func startsFlow(v string) bool { return strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") }

func isQuoted(v string) bool { return strings.HasPrefix(v, `"`) || strings.HasPrefix(v, "'") }

func isBlockIndicator(v string) bool {
	if v == "" || v[0] != '|' && v[0] != '>' {
		return false
	}
	return strings.Trim(v[1:], "+-0123456789") == ""
}

func leadCulprit(l yline, j int) culprit {
	col := runeCol(l.text, j)
	if strings.HasPrefix(l.lead[j:], "\t") {
		return culprit{l.num, col, "第 " + strconv.Itoa(l.num) + " 行第 " + strconv.Itoa(col) + " 列是 Tab 字符：YAML 只能用空格缩进，请把这个 Tab 换成空格，与同一层的上下行对齐"}
	}
	return culprit{l.num, col, "第 " + strconv.Itoa(l.num) + " 行第 " + strconv.Itoa(col) + " 列是全角空格“　”：YAML 只能用半角空格缩进，请把它换成两个半角空格（关掉输入法的全角再打空格）"}
}

// brokenKey explains a line that stands where a "key: value" must: a
// full-width colon, a colon without the space after it, or no colon.
func brokenKey(l yline) culprit {
	n := strconv.Itoa(l.num)
	if i, what, fix, ok := keyFix(l.rest); ok {
		col := l.keyCol + utf8.RuneCountInString(l.rest[:i]) + 1
		return culprit{l.num, col, "第 " + n + " 行第 " + strconv.Itoa(col) + " 列的" + what + "：" + fix}
	}
	return culprit{l.num, l.keyCol + 1, "第 " + n + " 行“" + clip(stripComment(l.rest), 24) + "”不是“键: 值”的形式：如果它是上一行文字的继续，请比上一行的键多缩进几格；如果是新的一项，请写成“名称: 值”（英文冒号加空格）"}
}

// keyFix finds what makes s not a "key: value": the byte offset of the
// colon at fault, what it is, and the fix.
func keyFix(s string) (at int, what, fix string, ok bool) {
	s = stripComment(s)
	shown := "请把“" + clip(s, 24) + "”改成“"
	if i := strings.Index(s, "："); i > 0 && !strings.Contains(s[:i], ":") {
		k, v := s[:i], strings.TrimSpace(s[i+len("："):])
		return i, "“：”是中文冒号", "“键: 值”要用英文冒号加一个空格，" + shown + clip(k+": "+v, 24) + "”", true
	}
	if i := strings.IndexByte(s, ':'); i > 0 && i+1 < len(s) {
		k, v := s[:i], s[i+1:]
		return i, "冒号后面少了一个空格", "“键: 值”的英文冒号后要有空格，" + shown + clip(k+": "+v, 24) + "”", true
	}
	return 0, "", "", false
}

// deeperCulprit: a key or list item indented deeper than the line above,
// which already has its value.
func deeperCulprit(l yline, above []yline, stack []level) culprit {
	n := strconv.Itoa(l.num)
	prev := above[len(above)-1]
	for j := len(above) - 1; j > 0 && isBlank(prev); j-- {
		prev = above[j-1]
	}
	// the block of its kind it most likely belongs to
	hint := ""
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j].seq == l.item {
			hint = "（缩进 " + strconv.Itoa(stack[j].col) + " 格，与第 " + strconv.Itoa(stack[j].line) + " 行的“" + stack[j].what + "”对齐）"
			break
		}
	}
	if l.item {
		return culprit{l.num, l.col + 1, "第 " + n + " 行的列表项“- ”放错了层级：它缩进了 " + strconv.Itoa(l.col) + " 格，比上一行“" + prev.label() + "”深，可那一行已经有值，下面不能再接列表；如果它与上面的列表项并列，请把“- ”与它们对齐" +
			hint + "；如果是下一层的列表，请先写出它的键（如 items:）"}
	}
	return culprit{l.num, l.col + 1, "第 " + n + " 行“" + l.label() + "”缩进多了：它缩进了 " + strconv.Itoa(l.col) + " 格，可上一行“" + prev.label() + "”已经有值，下面不能再有更深的键；同一层的键要左对齐" + hint}
}

// misaligned: a line whose indentation matches no open block.
func misaligned(l yline, popped *level, top level) culprit {
	n := strconv.Itoa(l.num)
	// the block it most likely meant: one of the same kind, the nearer
	want := popped
	if want == nil || want.seq != l.item && top.col >= 0 && top.seq == l.item {
		want = &top
	}
	what := "“" + l.label() + "”"
	if l.item {
		what = "列表项“- " + clip(strings.TrimSpace(l.rest), 12) + "”"
	}
	msg := "第 " + n + " 行" + what + "的缩进（" + strconv.Itoa(l.col) + " 格）与上面哪一层都对不上"
	if want.col >= 0 {
		msg += "：请缩进 " + strconv.Itoa(want.col) + " 格，与第 " + strconv.Itoa(want.line) + " 行的“" + want.what + "”对齐"
	}
	return culprit{l.num, l.col + 1, msg}
}

// keyInList: "key: value" at the column of the dashes of a list.
func keyInList(l yline, top level, popped *level) culprit {
	n := strconv.Itoa(l.num)
	fix := "请再缩进 2 格，与“- ”后面的键对齐"
	if popped != nil && !popped.seq {
		fix = "请缩进 " + strconv.Itoa(popped.col) + " 格，与第 " + strconv.Itoa(popped.line) + " 行的“" + popped.what + "”对齐"
	}
	return culprit{l.num, l.col + 1, "第 " + n + " 行“" + l.label() + "”与第 " + strconv.Itoa(top.line) + " 行列表项的“-”对齐了，不属于任何一项：如果它是那一项的内容，" + fix}
}

// itemInMapping: a list item among the keys of a mapping.
func itemInMapping(l yline, top level) culprit {
	n := strconv.Itoa(l.num)
	return culprit{l.num, l.col + 1, "第 " + n + " 行的列表项“- " + clip(strings.TrimSpace(l.rest), 12) + "”放错了层级：它与第 " + strconv.Itoa(top.line) + " 行的“" + top.what +
		"”对齐，夹在“键: 值”中间；列表项要写在它所属的键（如 items:、fields:）下面，并比那个键多缩进"}
}

// valueCulprit looks at a value: a second ": " in a plain one, a first
// character YAML keeps for itself, text after a closing quote.
func valueCulprit(l yline) (culprit, bool) {
	v := l.value
	if v == "" || startsFlow(v) || isBlockIndicator(v) {
		return culprit{}, false
	}
	n := strconv.Itoa(l.num)
	if isQuoted(v) {
		end := closingQuote(v, 1, v[0])
		if end < 0 {
			return culprit{}, false
		}
		tail := strings.TrimSpace(v[end+1:])
		if tail == "" || strings.HasPrefix(tail, "#") || l.key == "" && strings.HasPrefix(tail, ":") {
			return culprit{}, false
		}
		col := runeCol(l.text, l.valOff+end+1)
		return culprit{l.num, col, "第 " + n + " 行的引号在第 " + strconv.Itoa(col-1) + " 列就结束了，后面还有“" + clip(tail, 12) + "”：请把整段文字都放在引号里，或者去掉引号"}, true
	}
	for i := 0; i < len(v); i++ {
		if v[i] == ':' && (i+1 == len(v) || v[i+1] == ' ') {
			col := runeCol(l.text, l.valOff+i)
			return culprit{l.num, col, "第 " + n + " 行第 " + strconv.Itoa(col) + " 列：“" + clip(v, 16) + "”里又有英文冒号“:”，YAML 会把它当成下一层的键：请给整段文字加上引号，或把这个冒号改成中文冒号“：”"}, true
		}
	}
	if v[0] == '@' || v[0] == '`' {
		col := runeCol(l.text, l.valOff)
		return culprit{l.num, col, "第 " + n + " 行第 " + strconv.Itoa(col) + " 列：以“" + v[:1] + "”开头的文字要加引号，例如 \"" + clip(v, 12) + "\""}, true
	}
	return culprit{}, false
}

// quotedEnd finds the line closing a quoted value that does not close on
// its own line. A line that looks like the next key before the closing
// quote, or the end of the file, means the quote was never closed.
func quotedEnd(lines []yline, i int) (int, culprit, bool) {
	l := lines[i]
	q := string(l.value[0])
	col := runeCol(l.text, l.valOff)
	unclosed := culprit{l.num, col, "第 " + strconv.Itoa(l.num) + " 行第 " + strconv.Itoa(col) + " 列的引号“" + q + "”没有配对的结束引号：请在这段文字末尾补上“" + q + "”，或者去掉开头的引号"}
	for j := i + 1; j < len(lines); j++ {
		n := lines[j]
		if !isBlank(n) && n.col <= l.col && (n.key != "" || n.item) {
			return 0, unclosed, true
		}
		if closingQuote(n.text, 0, q[0]) >= 0 {
			return j, culprit{}, false
		}
	}
	return 0, unclosed, true
}

// flowEnd skips the lines of a [list] or {mapping} written over several.
func flowEnd(lines []yline, i int, v string) int {
	depth := 0
	for j := i; j < len(lines) && j < i+200; j++ {
		s := v
		if j > i {
			s = lines[j].text
		}
		for k := 0; k < len(s); k++ {
			switch s[k] {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			case '"', '\'':
				if e := closingQuote(s, k+1, s[k]); e > 0 {
					k = e
				}
			}
		}
		if depth <= 0 {
			return j
		}
	}
	return i
}

// colonHint explains a piece of text where a mapping should be, when it is
// one written with a full-width colon or without the space after the
// colon (发现隐患：300 alone under values:, which YAML reads as text).
func colonHint(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || strings.Contains(n.Value, "\n") {
		return ""
	}
	if _, what, fix, ok := keyFix(n.Value); ok {
		return "；" + what + "：" + fix
	}
	return ""
}
