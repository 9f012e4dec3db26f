package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/nigao/nigao/docxfile"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// Limits on what Import reads: real reports are tens of KB; a bigger
// input is a mistake. A .docx is opened within docxfile's limits.
const (
	MaxInput        = 8 << 20 // bytes of input file
	maxParagraphLen = 1 << 20
	// MaxText bounds a report's text (UTF-8, after decoding): what the
	// template made of it must fit a template's own limits
	// (schema.MaxSourceSize); a report is a few tens of KB.
	MaxText = 1 << 20
	// A .docx's main document is read as XML: at most this size, nested at
	// most maxXMLDepth deep (Word nests some tens), with at most
	// maxDocxParagraphs paragraphs, empty ones included.
	maxDocxMain       = MaxInput
	maxXMLDepth       = 256
	maxDocxParagraphs = 100_000
)

// errTextTooLong is a report of more than MaxText of text.
var errTextTooLong = fmt.Errorf("报告的文字太长（超过 %d 万字）：一份报告通常只有几千到几万字，请检查是不是选错了文件，或把报告分成几份导入", MaxText/3/10000)

// decodeText turns a text file into UTF-8: UTF-8 with or without BOM,
// UTF-16 with BOM (Notepad's "Unicode") or without one (told by its zero
// bytes), otherwise GB18030 (a superset of GBK and GB2312, what older
// Chinese Windows saves as "ANSI"). Big5 (traditional Chinese) is named,
// not read.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("文件开头标明是 UTF-8，但内容不是合法的 UTF-8")
		}
		return string(data), "UTF-8（带 BOM）", nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", "", fmt.Errorf("无法按 UTF-16 读取：%v", err)
		}
		return string(out), "UTF-16", nil
	}
	if order, ok := utf16WithoutBOM(data); ok {
		out, _, err := transform.Bytes(xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder(), data)
		if err == nil && textLike(string(out)) {
			if order == xunicode.BigEndian {
				return string(out), "UTF-16BE（无 BOM）", nil
			}
			return string(out), "UTF-16LE（无 BOM）", nil
		}
	}
	notText := errors.New("文件不像是文本：如果是 Word 文件，请用 .docx 扩展名；.doc（旧版 Word）请先另存为 .docx")
	switch {
	case bytes.IndexByte(data, 0) >= 0:
		return "", "", notText // no text but UTF-16 holds zero bytes
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	case mostlyUTF8(data):
		// a stray byte (a file cut short, a bad copy): keep the UTF-8
		return strings.ToValidUTF8(string(data), ""), "UTF-8（有少量无效字节）", nil
	case looksBig5(data):
		return "", "", errors.New("文件是繁体中文的 Big5 编码，nigao 读的是 UTF-8 和 GBK：请在记事本中“另存为”，编码选 UTF-8，再导入")
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil || !utf8.Valid(out) {
		return "", "", errors.New("无法识别文件的编码：既不是 UTF-8，也不是 GBK/GB18030；请另存为 UTF-8 文本再导入")
	}
	// A binary file decodes as GB18030 too, into garbage: insist on text.
	if !textLike(string(out)) {
		return "", "", notText
	}
	return string(out), "GB18030/GBK", nil
}

// textLike reports decoded text that is mostly text: few control
// characters, undecodable bytes or private-use characters (what binary
// data decodes to).
func textLike(s string) bool {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r >= 0xe000 && r <= 0xf8ff || r >= 0xfffe {
			bad++
		}
	}
	return bad <= n/20+1
}

// utf16WithoutBOM tells UTF-16 without a byte order mark from its zero
// bytes, which no UTF-8 or GBK text has: every ASCII character (digits,
// line ends) is a zero byte and a nonzero one, in the same order
// throughout.
func utf16WithoutBOM(data []byte) (xunicode.Endianness, bool) {
	if len(data) < 4 || len(data)%2 != 0 {
		return xunicode.BigEndian, false
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// A report has line ends and digits: some in twenty characters at
	// least; the other side has a zero byte only in characters like 一
	// (U+4E00).
	enough := func(n, other int) bool { return n >= 4 && n*20 >= len(data)/2 && other*10 <= n }
	switch {
	case enough(odd, even):
		return xunicode.LittleEndian, true // "1\x00"
	case enough(even, odd):
		return xunicode.BigEndian, true
	}
	return xunicode.BigEndian, false
}

// looksBig5 tells Big5 from GBK. Both write a Chinese character as two
// bytes, the first from 0x81; but simplified Chinese in GBK keeps to
// GB2312's rows, whose second byte is 0xA1 or more, while in Big5 a
// third or so of common characters have a second byte below 0x7F.
func looksBig5(data []byte) bool {
	pairs, low := 0, 0
	for i := 0; i+1 < len(data); i++ {
		if data[i] < 0x81 || data[i] == 0xFF {
			continue
		}
		pairs++
		if data[i+1] >= 0x40 && data[i+1] <= 0x7E {
			low++
		}
		i++
	}
	return pairs >= 10 && low*5 > pairs
}

// mostlyUTF8 reports text that is UTF-8 except for a few bad bytes;
// GBK text is almost never valid UTF-8 for long.
func mostlyUTF8(data []byte) bool {
	bad, multi := 0, 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			bad++
		} else if size > 1 {
			multi++
		}
		data = data[size:]
	}
	return multi >= 20 && bad*100 < multi
}

// readDocx returns the text of the paragraphs of word/document.xml.
func readDocx(data []byte) ([]string, error) {
	f, err := docxfile.Open(data)
	if err != nil {
		return nil, err
	}
	main := f.Part(docxfile.MainPart)
	if main.UncompressedSize64 > maxDocxMain {
		return nil, fmt.Errorf(".docx 的正文过大（解压后超过 %d MiB），不像是一份报告", maxDocxMain>>20)
	}
	body, err := f.Read(main)
	if err != nil {
		return nil, err
	}
	// Numbers Word draws itself (automatic numbering) and heading styles
	// carry the outline: read them too, when they are there and sound.
	var num *docxNumbering
	if p := f.Part("word/numbering.xml"); p != nil {
		if data, err := f.Read(p); err == nil {
			num = parseNumbering(data)
		}
	}
	var styles map[string]docxStyle
	if p := f.Part("word/styles.xml"); p != nil {
		if data, err := f.Read(p); err == nil {
			styles = parseStyles(data)
		}
	}
	return docxParagraphs(body, num, styles)
}

// docxParagraphs collects w:t text per w:p; tabs and breaks become
// spaces and new lines. A paragraph Word numbers itself gets its number
// written out (一、 （一） 1.), as the clerk saw it; one in a heading
// style without a number is marked as a Markdown heading of that level.
func docxParagraphs(body []byte, num *docxNumbering, styles map[string]docxStyle) ([]string, error) {
	d := newXMLReader(body)
	closed := 0 // paragraphs ended
	var paras []string
	var cur strings.Builder
	depth := 0 // nesting of w:p (text boxes hold paragraphs in paragraphs)
	inText := false
	var pp paraProps // of the outermost paragraph being read
	changed := 0     // inside w:pPrChange: properties before a tracked change
	finish := func() {
		text := cur.String()
		cur.Reset()
		if depth == 0 {
			text = pp.prefix(text, num, styles)
			pp = paraProps{}
		}
		paras = append(paras, text)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errTooDeep) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf(".docx 的正文不是合法的 XML：%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				if depth > 0 && cur.Len() > 0 {
					paras = append(paras, cur.String())
					cur.Reset()
				}
				depth++
			case "pPrChange":
				changed++
			case "pStyle", "ilvl", "numId", "outlineLvl":
				if depth == 1 && changed == 0 {
					pp.set(t)
				}
			case "t":
				inText = true
			case "tab":
				cur.WriteString(" ")
			case "br", "cr":
				cur.WriteString("\n")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				depth--
				if closed++; closed > maxDocxParagraphs {
					return nil, fmt.Errorf(".docx 的段落过多（超过 %d 段），不像是一份报告", maxDocxParagraphs)
				}
				finish()
			case "pPrChange":
				changed--
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				if cur.Len()+len(t) > maxParagraphLen {
					return nil, errors.New(".docx 中有一段文字过长")
				}
				cur.Write(t)
			}
		}
	}
	if cur.Len() > 0 {
		paras = append(paras, cur.String())
	}
	return paras, nil
}

// xmlReader is an xml.Decoder that refuses elements nested deeper than
// maxXMLDepth: the decoder keeps a record of every open element, and a
// 48 KB .docx can open three million.
type xmlReader struct {
	*xml.Decoder
	depth int
}

var errTooDeep = fmt.Errorf(".docx 的结构异常（元素嵌套超过 %d 层），可能已损坏或是恶意构造的", maxXMLDepth)

func newXMLReader(data []byte) *xmlReader {
	return &xmlReader{Decoder: xml.NewDecoder(bytes.NewReader(data))}
}

func (r *xmlReader) Token() (xml.Token, error) {
	tok, err := r.Decoder.Token()
	switch tok.(type) {
	case xml.StartElement:
		if r.depth++; r.depth > maxXMLDepth {
			return nil, errTooDeep
		}
	case xml.EndElement:
		r.depth--
	}
	return tok, err
}

// readLines reads the input as lines of text, by format.
func readLines(name string, data []byte, rep *Report) ([]string, error) {
	if len(data) > MaxInput {
		return nil, fmt.Errorf("文件过大（%d 字节，上限 %d MB）", len(data), MaxInput>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".docx" || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rep.Format, rep.Encoding = "docx", "docx"
		paras, err := readDocx(data)
		if err != nil {
			return nil, err
		}
		var lines []string
		size := 0
		for _, p := range paras {
			if size += len(p); size > MaxText {
				return nil, errTextTooLong
			}
			lines = append(lines, strings.Split(p, "\n")...)
		}
		return lines, nil
	}
	if docxfile.Encrypted(data) {
		return nil, docxfile.ErrEncrypted
	}
	if ext == ".doc" || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return nil, errors.New("不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中“另存为” .docx 或 .txt 后再导入")
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if len(text) > MaxText {
		return nil, errTextTooLong
	}
	rep.Encoding = enc
	rep.Format = "text"
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	if ext == ".md" || ext == ".markdown" {
		rep.Format = "markdown"
		lines = stripMarkdown(lines)
	}
	return lines, nil
}

var (
	mdHeading  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(#{1,6})\s+`) })
	mdListItem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s*[-*+]\s+|\s*>\s?)`) })
	mdEmph     = strings.NewReplacer("**", "", "__", "")
	mdUnescape = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\([\\*_\x60\[\]<>#|.()+-])`) })
)

// stripMarkdown removes Markdown markup, keeping "#" headings marked with
// a leading \x00 and their level, so the outline knows them.
func stripMarkdown(lines []string) []string {
	out := make([]string, 0, len(lines))
	fence := false
	for _, ln := range lines {
		t := strings.TrimRight(ln, " \t")
		if strings.HasPrefix(strings.TrimSpace(t), "```") {
			fence = !fence
			continue
		}
		if fence {
			out = append(out, t)
			continue
		}
		if m := mdHeading().FindStringSubmatch(t); m != nil {
			t = mdMark + string(rune('0'+len(m[1]))) + t[len(m[0]):]
		} else {
			t = mdListItem().ReplaceAllString(t, "")
		}
		if strings.Trim(t, "-*_ ") == "" && t != "" {
			continue // a rule
		}
		t = mdEmph.Replace(t)
		t = mdUnescape().ReplaceAllString(t, "$1")
		out = append(out, t)
	}
	return out
}

// mdMark starts a line that was a Markdown "#" heading; the digit after
// it is the number of #.
const mdMark = "\x00"

// Page furniture: the lines a web page wraps around a report.
var (
	furniturePrefix = []string{
		"索引号", "发布机构", "生成日期", "公开日期", "公开方式", "公开范围", "主题分类", "信息分类", "发文机关", "发布日期",
		"来源:", "来源：", "来源 ", "发布时间", "更新时间", "日期:", "日期：", "【字号", "字号:", "字号：", "【打印", "【关闭", "【大",
		"浏览次数", "阅读次数", "访问次数", "点击数", "点击量", "浏览量", "分享到", "分享:", "分享：", "打印本页", "关闭窗口",
		"扫一扫", "当前位置", "您现在的位置", "您所在的位置", "上一篇", "下一篇", "责任编辑", "编辑:", "编辑：", "作者:", "作者：",
		"相关链接", "相关文章", "相关阅读", "收藏本页", "如果喜欢本篇内容", "尚未有人赏赞", "请选择打赏类型", "查看更多",
		"(想阅读完全部", "（想阅读完全部", "网站地图", "版权所有", "主办单位", "承办单位", "技术支持", "备案号", "ICP备",
	}
	furnitureExact = map[string]bool{
		"政府信息公开": true, "信息公开": true, "分享": true, "打印": true, "关闭": true, "收藏": true, "赏赞": true,
		"阅读全文": true, "【打印】": true, "【关闭】": true, "返回顶部": true, "首页": true, "大": true, "中": true, "小": true,
		"字号": true, "【字号:大 中 小】": true, "微信": true, "微博": true, "QQ空间": true, "打赏": true,
	}
	furnitureMoney = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[¥￥]\s*[0-9.]+$`) })
	// a page number of a PDF copy: —1—, - 2 -, 第3页 共8页
	furniturePage = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[—\-－–]+\s*[0-9]{1,3}\s*[—\-－–]+|第\s*[0-9]{1,3}\s*页(?:\s*[，,/]?\s*共\s*[0-9]{1,3}\s*页)?|[0-9]{1,3}\s*/\s*[0-9]{1,3})$`)
	})
	furnitureAny = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`索引号|发布机构|浏览次数|【字号|字号[:：]\s*大|发布时间[:：]|分享到`)
	})
)

// isFurniture reports a line of page furniture.
func isFurniture(s string) bool {
	if furnitureExact[s] || furnitureMoney().MatchString(s) || furniturePage().MatchString(s) {
		return true
	}
	for _, p := range furniturePrefix {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// "来源: … 发布时间: … 浏览次数: 1" in one line, but never a long
	// sentence of the report that merely mentions 来源.
	return utf8.RuneCountInString(s) < 120 && furnitureAny().MatchString(s) && !strings.ContainsAny(s, "。；")
}

// cleanLines trims lines, drops page furniture (recorded in the report)
// and returns the lines that remain; empty lines are kept as "" so the
// paragraph joiner can see them.
func cleanLines(lines []string, rep *Report) []string {
	out := make([]string, 0, len(lines))
	for i, ln := range lines {
		t := strings.TrimFunc(ln, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' || r == 0x200b })
		head := ""
		if strings.HasPrefix(t, mdMark) && len(t) >= 2 {
			head, t = t[:2], t[2:]
		}
		t = strings.TrimSpace(schema.StripUnsafe(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' {
				return -1
			}
			return r
		}, t)))
		if head != "" {
			if t == "" {
				out = append(out, "")
				continue
			}
			t = head + t
		}
		if t == "" {
			out = append(out, "")
			continue
		}
		if t == "阅读全文" {
			// A document site's teaser ends here; what follows is its
			// paywall and tip jar.
			rest := 0
			for _, r := range lines[i+1:] {
				rest += utf8.RuneCountInString(r)
			}
			if rest < 1000 {
				rep.Removed = append(rep.Removed, t)
				for _, r := range lines[i+1:] {
					if r = strings.TrimSpace(r); r != "" {
						rep.Removed = append(rep.Removed, r)
					}
				}
				break
			}
		}
		if isFurniture(t) {
			rep.Removed = append(rep.Removed, t)
			continue
		}
		out = append(out, t)
	}
	return out
}

// Paragraph-level punctuation.
const (
	sentenceEnd = "。！？；!?;…"
	openers     = "“‘（(《〔【「"
)

// joinParagraphs merges the lines of one paragraph: web pages and PDFs
// break paragraphs mid-sentence ("……支持企" / "业开展技术创新"), even
// inside a number ("418" / "个老旧小区") or a heading ("（三）统筹推进
// 安全生产、信访维稳等" / "工作。"). It runs before anything else reads
// the text.
func joinParagraphs(lines []string) []string {
	var paras []string
	var cur strings.Builder // the paragraph being joined (no quadratic +=)
	first := true
	flush := func() {
		if cur.Len() > 0 {
			paras = append(paras, cur.String())
			cur.Reset()
		}
	}
	wrap := wrapWidth(lines)
	var last string // the last line added, for continues
	for _, ln := range lines {
		if ln == "" {
			continue
		}
		if cur.Len() > 0 {
			prev := last
			if cur.Len() <= 4*40 { // short paragraphs are judged whole
				prev = cur.String()
			}
			if continues(prev, ln, first, cur.Len()) || wrapped(last, ln, wrap) {
				cur.WriteString(ln)
				last = ln
				continue
			}
			flush()
			first = false
		}
		cur.WriteString(ln)
		last = ln
	}
	flush()
	return paras
}

// width is a line's width in cells: two for a Chinese character, one for
// ASCII.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x80 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

// wrapWidth finds the width at which a PDF copy broke its lines: most of
// its lines are that wide, give or take a character (the first line of
// a paragraph lost its indent). 0 when the text was not wrapped so (a
// web copy has a paragraph a line, each as long as it is).
func wrapWidth(lines []string) int {
	count := map[int]int{}
	long := 0
	for _, ln := range lines {
		if w := width(ln); w >= 40 {
			count[w]++
			long++
		}
	}
	best, bestN := 0, 0
	for w := range count {
		n := 0
		for d := -4; d <= 2; d++ {
			n += count[w+d]
		}
		if n > bestN || n == bestN && w > best {
			best, bestN = w, n
		}
	}
	if bestN < 4 || bestN*10 < long*4 {
		return 0
	}
	return best
}

// wrapped reports whether line next continues line prev in a text
// wrapped at width wrap: prev is as wide as the page and does not end a
// sentence.
func wrapped(prev, next string, wrap int) bool {
	if wrap == 0 || width(prev) < wrap-4 || strings.HasPrefix(prev, mdMark) {
		return false
	}
	if _, _, ok := headingStyle(next); ok {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	return !strings.ContainsRune(sentenceEnd+"：:", last)
}

// danglers cannot end a phrase: a line ending with one goes on.
const danglers = "等的和及与暨、，,之把将对在于被向从并或且“‘（(《〔"

// cannotLead cannot begin a line of their own: a line beginning with one
// finishes the line before.
const cannotLead = "，,。、；;：:？?！!）)》”’%％…·"

// continues reports whether line next continues paragraph prev.
func continues(prev, next string, first bool, size int) bool {
	if strings.HasPrefix(prev, mdMark) || strings.HasPrefix(next, mdMark) {
		return false
	}
	if _, _, ok := headingStyle(next); ok {
		return false
	}
	f, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(cannotLead, f) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	n := utf8.RuneCountInString(prev)
	if size > 4*40 {
		n = size // a long paragraph: only its length matters
	}
	if last == '”' || last == '’' {
		// 改善老式小区“垃圾包” / 现象，……: a quoted word mid-sentence; a
		// quote closed after 。 or a quoted heading ends its line
		inner, _ := utf8.DecodeLastRuneInString(strings.TrimRight(prev, "”’"))
		return !strings.ContainsRune(sentenceEnd+"：:", inner) && cannotStart(next)
	}
	if strings.ContainsRune(sentenceEnd+"：:）)】」", last) {
		return false
	}
	if first && n <= 40 && strings.ContainsRune("和及与暨、", last) {
		return true // a title broken over two lines
	}
	switch {
	case strings.ContainsRune(danglers, last):
		return true // 统筹推进安全生产、信访维稳等 / 工作。
	case isDigit(last) || isMask(last):
		// "418" / "个老旧小区", "202" / "3年", "4" / "500亩"
		rs := []rune(next)
		if isDigit(f) {
			k := 0
			for k < len(rs) && (isDigit(rs[k]) || rs[k] == '.') {
				k++
			}
			return n > 8 && (unitAt(rs, k) != "" || at(rs, k) == '年' || strings.ContainsRune("万亿千余多", at(rs, k)))
		}
		return n > 20 || unitAt(rs, 0) != "" || strings.ContainsRune("年万亿千余多", f) ||
			strings.ContainsRune(afterNumber, f) || cannotStart(next)
	}
	if pr := []rune(prev); splitsWord(append(pr[len(pr)-1:len(pr):len(pr)], []rune(next)[0]), 1) && n > 4 {
		return true // 支持企 / 业开展: a word cut in two
	}
	if n <= 40 && !strings.ContainsAny(prev, "，,。；;") {
		return false // a title or heading on its own line
	}
	return n > 40
}

// afterNumber are the words of an address or an order that follow a
// number (管弄路xxx / 弄多次投诉): a line beginning with one finishes the
// number the line before ends with.
const afterNumber = "弄号栋幢楼层室届期批轮"

// sentenceOpeners are the short words a sentence may begin with before
// a comma (同时，……); any other word of one or two characters before a
// comma (现象，……) is the end of a clause begun on the line before.
var sentenceOpeners = []string{"同时", "目前", "此外", "其中", "另外", "为此", "对此", "因此", "然而", "但是", "所以", "首先", "其次", "再次", "最后", "然后", "总之", "综上", "全年", "今年", "去年", "明年", "年初", "年底", "当前", "近年", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "随后", "之后", "此后", "期间", "另一方面"}

// cannotStart reports a line that cannot begin a sentence: a word of one
// or two characters, not an opener, then a comma.
func cannotStart(next string) bool {
	rs := []rune(next)
	i := 0
	for i < len(rs) && i <= 2 && !strings.ContainsRune("，,、；;", rs[i]) {
		i++
	}
	if i == 0 || i > 2 || i == len(rs) {
		return false
	}
	return !slices.Contains(sentenceOpeners, string(rs[:i]))
}

// typeset applies render's typography, so the template reads as the
// draft will: full-width punctuation, no stray spaces.
func typeset(s string) string { return render.Typeset(s) }

// paraProps are what a paragraph's w:pPr says about its place in the
// outline.
type paraProps struct {
	style      string
	ilvl       int
	numID      string
	hasNum     bool
	outlineLvl int // 1 + w:outlineLvl; 0 none
}

func (pp *paraProps) set(e xml.StartElement) {
	v := attr(e, "val")
	switch e.Name.Local {
	case "pStyle":
		pp.style = v
	case "ilvl":
		pp.ilvl, _ = strconv.Atoi(v)
	case "numId":
		pp.numID, pp.hasNum = v, true
	case "outlineLvl":
		if n, err := strconv.Atoi(v); err == nil && n < 9 {
			pp.outlineLvl = n + 1
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// prefix writes the paragraph's automatic number in front of its text,
// or marks it as a heading of its style's level.
func (pp *paraProps) prefix(text string, num *docxNumbering, styles map[string]docxStyle) string {
	st := styles[pp.style]
	numID, ilvl, hasNum := pp.numID, pp.ilvl, pp.hasNum
	if !hasNum && st.hasNum {
		numID, ilvl, hasNum = st.numID, st.ilvl, true
	}
	if strings.TrimSpace(text) == "" {
		return text
	}
	if hasNum && num != nil {
		if n := num.next(numID, ilvl); n != "" {
			return n + strings.TrimLeft(text, " \t")
		}
	}
	level := st.level
	if pp.outlineLvl > 0 {
		level = pp.outlineLvl + 1
	}
	if level > 0 && level <= 6 {
		if _, _, ok := headingStyle(text); !ok {
			return mdMark + string(rune('0'+level)) + text
		}
	}
	return text
}

// docxStyle is what nigao needs of a paragraph style: its heading level
// (1 the title, 2 "heading 1" …, as Markdown counts #) and its numbering.
type docxStyle struct {
	level  int
	numID  string
	ilvl   int
	hasNum bool
}

// parseStyles reads word/styles.xml; a part it cannot read gives none.
func parseStyles(data []byte) map[string]docxStyle {
	out := map[string]docxStyle{}
	d := newXMLReader(data)
	var id string
	var cur docxStyle
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			v := attr(t, "val")
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), docxStyle{}
			case "name":
				cur.level = styleLevel(v)
			case "outlineLvl":
				if n, err := strconv.Atoi(v); err == nil && n < 9 && cur.level == 0 {
					cur.level = n + 2
				}
			case "numId":
				cur.numID, cur.hasNum = v, v != "0"
			case "ilvl":
				cur.ilvl, _ = strconv.Atoi(v)
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				out[id] = cur
			}
		}
	}
}

// styleLevel is the level of a style by its name: title 1, heading N
// (标题 N in WPS) N+1.
func styleLevel(name string) int {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "title" || n == "标题" {
		return 1
	}
	for _, p := range []string{"heading ", "标题 ", "标题"} {
		if rest, ok := strings.CutPrefix(n, p); ok {
			if k, err := strconv.Atoi(rest); err == nil && k >= 1 && k <= 5 {
				return k + 1
			}
		}
	}
	return 0
}

// docxNumbering is word/numbering.xml: how each list numbers its levels,
// and the counters as the document is read.
type docxNumbering struct {
	abstract map[string]*[9]numLevel // by w:abstractNumId
	nums     map[string]string       // w:numId → w:abstractNumId
	count    map[string]*[9]int      // by w:numId
}

type numLevel struct {
	start int
	fmt   string // w:numFmt
	text  string // w:lvlText, as "%1、"
}

func parseNumbering(data []byte) *docxNumbering {
	n := &docxNumbering{abstract: map[string]*[9]numLevel{}, nums: map[string]string{}, count: map[string]*[9]int{}}
	d := newXMLReader(data)
	var abs *[9]numLevel
	lvl := -1
	num := ""
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			v := attr(t, "val")
			switch t.Name.Local {
			case "abstractNum":
				abs = &[9]numLevel{}
				for i := range abs {
					abs[i].start = 1
				}
				n.abstract[attr(t, "abstractNumId")] = abs
			case "lvl":
				lvl = -1
				if k, err := strconv.Atoi(attr(t, "ilvl")); err == nil && k >= 0 && k < 9 && abs != nil {
					lvl = k
				}
			case "start":
				if k, err := strconv.Atoi(v); err == nil && lvl >= 0 && abs != nil {
					abs[lvl].start = k
				}
			case "numFmt":
				if lvl >= 0 && abs != nil {
					abs[lvl].fmt = v
				}
			case "lvlText":
				if lvl >= 0 && abs != nil {
					abs[lvl].text = v
				}
			case "num":
				num, abs = attr(t, "numId"), nil
			case "abstractNumId":
				if num != "" {
					n.nums[num] = v
				}
			}
		case xml.EndElement:
			if t.Name.Local == "lvl" {
				lvl = -1
			}
		}
	}
}

// next counts one more paragraph of list numID at level ilvl and
// returns its number as Word draws it ("" for a bullet, or a list it
// does not know).
func (n *docxNumbering) next(numID string, ilvl int) string {
	abs := n.abstract[n.nums[numID]]
	if abs == nil || ilvl < 0 || ilvl >= 9 {
		return ""
	}
	c := n.count[numID]
	if c == nil {
		c = &[9]int{}
		n.count[numID] = c
	}
	if c[ilvl] == 0 {
		c[ilvl] = abs[ilvl].start
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		c[k] = 0
	}
	lv := abs[ilvl]
	if lv.fmt == "bullet" || lv.fmt == "none" || lv.text == "" {
		return ""
	}
	out := lv.text
	for k := 0; k <= ilvl; k++ {
		v := c[k]
		if v == 0 {
			v = abs[k].start
		}
		out = strings.ReplaceAll(out, "%"+strconv.Itoa(k+1), formatNumber(abs[k].fmt, v))
	}
	return out
}

// formatNumber writes n in a w:numFmt.
func formatNumber(f string, n int) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting", "ideographDigital":
		return render.Chinese(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 && n <= 26 {
			base := 'A'
			if f == "lowerLetter" {
				base = 'a'
			}
			return string(rune(base + rune(n) - 1))
		}
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	}
	return strconv.Itoa(n)
}
