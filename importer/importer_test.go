package importer

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// imported runs a fixture through Import and loads the results.
func imported(t *testing.T, name string, data []byte) (*Result, *schema.Template, *schema.Answers, string) {
	t.Helper()
	res, tpl, draft := roundTrip(t, name, data)
	a, err := schema.LoadAnswers("a.yaml", res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	return res, tpl, a, draft
}

func answer(t *testing.T, a *schema.Answers, id string) string {
	t.Helper()
	r, ok := a.Get(id)
	if !ok {
		t.Fatalf("no answer for %s (have %v)", id, a.Keys())
	}
	return r.Text
}

func TestEncodings(t *testing.T) {
	utf, _, err := Paragraphs("plain-utf8.txt", readFixture(t, "plain-utf8.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, enc string }{
		{"plain-utf8.txt", "UTF-8"},
		{"bom.txt", "UTF-8（带 BOM）"},
		{"gbk.txt", "GB18030/GBK"},
	} {
		paras, rep, err := Paragraphs(tc.file, readFixture(t, tc.file))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if rep.Encoding != tc.enc {
			t.Errorf("%s: encoding %q, want %q", tc.file, rep.Encoding, tc.enc)
		}
		got := strings.ReplaceAll(strings.Join(paras, "\n"), "甲乡", "某乡")
		if want := strings.Join(utf, "\n"); got != want {
			t.Errorf("%s: paragraphs differ:\n%s\nwant\n%s", tc.file, got, want)
		}
	}
}

func TestPlainTextFromWebPage(t *testing.T) {
	res, tpl, a, draft := imported(t, "plain-utf8.txt", readFixture(t, "plain-utf8.txt"))
	for _, junk := range []string{"索引号", "字号", "浏览次数", "分享"} {
		if strings.Contains(draft, junk) || strings.Contains(string(res.Template), junk) {
			t.Errorf("page furniture %q kept", junk)
		}
	}
	if len(res.Report.Removed) != 4 {
		t.Errorf("removed %q", res.Report.Removed)
	}
	if tpl.Title.Src != "{单位}{年度}年工作总结" || answer(t, a, "单位") != "某乡" || answer(t, a, "年度") != "2023" {
		t.Errorf("title %q, 单位 %q", tpl.Title.Src, answer(t, a, "单位"))
	}
	if len(tpl.Sections) != 2 || len(tpl.Sections[0].Parts) != 2 || !tpl.Sections[0].Parts[0].RunIn {
		t.Fatalf("outline: %d sections", len(tpl.Sections))
	}
	if tpl.Sections[0].ID != "经济发展" || tpl.Sections[1].ID != "民生保障" {
		t.Errorf("section ids %s, %s", tpl.Sections[0].ID, tpl.Sections[1].ID)
	}
	for id, want := range map[string]string{"实施项目": "12", "实施项目完成投资": "3.45", "种植水稻": "1.2", "粮食产量": "约8000", "新增低保": "88", "发放救助金": "343200"} {
		if got := answer(t, a, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if f := tpl.Field("实施项目完成投资"); f == nil || f.Type != schema.Money || f.Unit != "亿元" {
		t.Errorf("实施项目完成投资: %+v", f)
	}
	if f := tpl.Field("种植水稻"); f == nil || f.Type != schema.Number || f.Unit != "万亩" {
		t.Errorf("种植水稻: %+v", f)
	}
	if !strings.Contains(draft, "种植水稻1.2万亩，粮食产量约8000吨。") {
		t.Errorf("draft:\n%s", draft)
	}
}

func TestMarkdown(t *testing.T) {
	res, tpl, a, draft := imported(t, "township.md", readFixture(t, "township.md"))
	if res.Report.Format != "markdown" || tpl.Title.Src != "{单位}{年度}年上半年工作总结" {
		t.Errorf("format %s, title %q", res.Report.Format, tpl.Title.Src)
	}
	if tpl.Signature.Unit.Src != "某镇人民政府" || tpl.Signature.Date.Src != "{落款日期}" || answer(t, a, "落款日期") != "2023-07-10" {
		t.Errorf("signature %q %q", tpl.Signature.Unit.Src, tpl.Signature.Date.Src)
	}
	s := tpl.Sections[0]
	if s.ID != "党建" || len(s.Parts) != 2 || s.Parts[0].Heading(0).Src != "加强组织建设" || !s.Parts[0].RunIn {
		t.Fatalf("section 1: %s %d parts", s.ID, len(s.Parts))
	}
	for id, want := range map[string]string{"上半年缴纳党费": "122583", "发展党员": "40", "培训入党积极分子": "近300", "检查企业": "86", "整改率": "95.5%", "开展集中学习": "12"} {
		if got := answer(t, a, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	text := s.Parts[0].Paragraphs[0].Text.Src
	if !strings.Contains(text, "发展党员{发展党员}名") || !strings.Contains(text, "每月召开1次") {
		t.Errorf("prose: %s", text)
	}
	// not statistics: numbered names, rules, hotlines, laws
	prose := templateProse(tpl)
	for _, keep := range []string{"二十大", "三会一课", "12345热线", "每月召开1次", "《中国共产党组织工作条例（2021年修订）》第12条"} {
		if !strings.Contains(prose, keep) {
			t.Errorf("%q should stay text", keep)
		}
	}
	if tpl.Field("整改率").Type != schema.Percent || tpl.Field("上半年缴纳党费").Type != schema.Money || tpl.Field("发展党员").Type != schema.Integer {
		t.Error("field types")
	}
	if !strings.Contains(draft, "整改率95.5%。") || !strings.Contains(draft, "培训入党积极分子近300名") {
		t.Errorf("draft:\n%s", draft)
	}
}

func TestDocx(t *testing.T) {
	res, tpl, a, draft := imported(t, "report.docx", readFixture(t, "report.docx"))
	if res.Report.Format != "docx" || len(tpl.Sections) != 2 {
		t.Fatalf("format %s, %d sections", res.Report.Format, len(tpl.Sections))
	}
	if answer(t, a, "调解率") != "96.7%" || answer(t, a, "成功调解") != "58" {
		t.Errorf("answers: %s", res.Answers)
	}
	if !strings.Contains(draft, "排查矛盾纠纷60起，成功调解58起，调解率96.7%。") {
		t.Errorf("draft:\n%s", draft)
	}
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

func TestBadInputs(t *testing.T) {
	// 51 MiB of zeros in a picture, deflated to about 50 KiB
	bomb, err := os.ReadFile(filepath.Join("..", "testdata", "docx", "bomb.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"a.docx", []byte("not a zip"), "不是有效的 .docx"},
		{"a.docx", zipOf(t, map[string][]byte{"x.xml": []byte("<a/>")}), "缺少 word/document.xml"},
		{"a.docx", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:p><w:t>a</w:p>")}), "不是合法的 XML"},
		{"a.docx", bomb, "过大"},
		{"a.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "旧版 Word"},
		{"a.txt", []byte("  \n\n "), "没有可导入的文字"},
		{"a.txt", []byte{0x81, 0x30, 0x81, 0x30, 0, 1, 2, 3, 4, 5, 6, 7, 0xff, 0xff, 0xff, 0xfe}, "不像是文本"},
	} {
		_, err := Import(tc.name, tc.data, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.want, err, tc.want)
		}
	}
}

func TestHeadingStyles(t *testing.T) {
	src := `2022年工作总结
一、2022年工作总结
()主要工作完成情况
1、强化领导，细化机制。成立领导小组1个。
(1)完成复审申报工作。上报材料20份。
(2)完成评估工作
评估发现问题5个。
2.加强宣传
发放资料3000份。
(二)存在的问题
一是投入不足；二是人手紧张。
二、2023年工作计划
1.继续推进。`
	_, tpl, _, draft := imported(t, "h.txt", []byte(src))
	if len(tpl.Sections) != 2 {
		t.Fatalf("%d sections", len(tpl.Sections))
	}
	s := tpl.Sections[0]
	if s.Heading(0).Src != "{年度}年工作总结" || len(s.Parts) != 2 || s.Parts[0].Heading(0).Src != "主要工作完成情况" {
		t.Fatalf("section 1: %q", s.Heading(0).Src)
	}
	p := s.Parts[0]
	if len(p.Parts) != 2 || len(p.Parts[0].Parts) != 2 || p.Parts[0].Parts[1].RunIn {
		t.Fatalf("levels: %d %d", len(p.Parts), len(p.Parts[0].Parts))
	}
	if tpl.Sections[1].Heading(0).Src != "{年度 + 1}年工作计划" || tpl.Sections[1].ID != "工作计划" {
		t.Errorf("plan: %q %s", tpl.Sections[1].Heading(0).Src, tpl.Sections[1].ID)
	}
	// 1. straight under 二、 stays 1. (numbering: "1."), not （一）
	for _, want := range []string{"（一）主要工作完成情况", "1.强化领导，细化机制。成立领导小组1个。", "（1）完成复审申报工作。上报材料20份。", "（2）完成评估工作\n", "二、2023年工作计划", "　继续推进。\n"} { // a lone 1. is not numbered; a sentence keeps its 。
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
	if strings.Contains(draft, "（一）继续推进") || tpl.Sections[1].Parts[0].Level != 3 {
		t.Errorf("the plan's 1. became a level-%d item:\n%s", tpl.Sections[1].Parts[0].Level, draft)
	}
}

// TestNumberingKeptWhereItFits: 一、 1. （1） （一）: the 1. cannot take
// level 3 (its items would go below （1）), so the levels stay as they
// nest.
func TestNumberingKeptWhereItFits(t *testing.T) {
	src := "一、工作总结\n1.党建\n（1）学习\n（一）理论学习。组织学习12次。\n二、工作计划\n1.抓党建。"
	_, tpl, _, _ := imported(t, "d.txt", []byte(src))
	if got := tpl.Sections[0].Parts[0].Level; got != 2 {
		t.Errorf("1. under 一、 with three levels below it: level %d, want 2", got)
	}
	if got := tpl.Sections[1].Parts[0].Level; got != 3 {
		t.Errorf("1. under 二、 alone: level %d, want 3", got)
	}
}

func TestPlaceholders(t *testing.T) {
	res, tpl, a, draft := imported(t, "x.txt", []byte("一、党建\n共走访慰问X名困难党员，发放慰问资金X元，党组织覆盖率达X%。财政拨款xx万元。"))
	if res.Report.Placeholders != 4 {
		t.Errorf("%d placeholders", res.Report.Placeholders)
	}
	if f := tpl.Field("走访慰问困难党员"); f == nil || f.Type != schema.Integer {
		t.Fatalf("fields: %s", res.Template)
	}
	if r, _ := a.Get("走访慰问困难党员"); !r.IsEmpty() {
		t.Errorf("placeholder answered %q", r.Text)
	}
	if !strings.Contains(draft, "【待填:党组织覆盖率】。") || !strings.Contains(string(res.Answers), "原文为“X”") {
		t.Errorf("draft:\n%s\n%s", draft, res.Answers)
	}
}

func TestBracesAndUniqueIDs(t *testing.T) {
	_, tpl, _, draft := imported(t, "b.txt", []byte("一、其他\n发展党员3名；{备注}。发展党员4名；发展党员5名。"))
	// three figures nothing tells apart: three fields, each named, none
	// _2, _3; the two after the first are left for the clerk to name
	if got := fieldIDs(tpl); got != "发展党员 发展党员第2处 发展党员第3处" {
		t.Errorf("ids %s", got)
	}
	if !strings.Contains(draft, "{备注}。发展党员4名") {
		t.Errorf("braces: %s", draft)
	}
}

// TestFigureInTwoUnits: 812户2624人 is one thing counted twice; the
// second figure is named after the first, not after the section.
func TestFigureInTwoUnits(t *testing.T) {
	_, tpl, a, _ := imported(t, "u.txt", []byte("一、三大攻坚有看头\n全镇有建档立卡贫困户812户2624人，已脱贫665户2269人，流转土地300亩120万元。"))
	for id, want := range map[string]string{"建档立卡贫困户": "812", "建档立卡贫困户人数": "2624", "脱贫": "665", "脱贫人数": "2269", "流转土地": "300", "流转土地金额": "120"} {
		if tpl.Field(id) == nil {
			t.Errorf("no field %s in\n%s", id, fieldIDs(tpl))
			continue
		}
		if got := answer(t, a, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
}

func fieldIDs(t *schema.Template) string {
	var ids []string
	for _, f := range t.Fields() {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, " ")
}

func TestSamplesLintClean(t *testing.T) {
	files := sampleFiles(t)
	for _, f := range files {
		data, _ := os.ReadFile(f)
		res, err := Import(f, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := schema.Load("t.yaml", res.Template, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, fd := range tpl.Fields() {
			if !schema.IsIdent(fd.ID) {
				t.Errorf("%s: bad id %q", f, fd.ID)
			}
		}
	}
}

func FuzzImport(f *testing.F) {
	for _, name := range []string{"plain-utf8.txt", "gbk.txt", "township.md"} {
		f.Add(name, readFixture(f, name))
	}
	f.Add("a.txt", []byte("一、\n(1)\n1.5万亩\n{x}}近{{300余万元X%xx个"))
	f.Add("a.md", []byte("# \x00\n## 一、a。b\n2022年8月32日\n2022年2月29日"))
	f.Add("a.docx", readFixture(f, "report.docx"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		// a report it cannot read is an error; what it made not loading
		// is a bug
		if _, err := ImportChecked(name, data, nil, nil); err != nil && strings.Contains(err.Error(), "请报告这个问题") {
			t.Fatal(err)
		}
	})
}

// BenchmarkImport300K imports a 300 KB report (the samples, repeated).
func BenchmarkImport300K(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.txt"))
	var src []byte
	for _, f := range files {
		data, _ := os.ReadFile(f)
		src = append(src, data...)
		src = append(src, '\n')
	}
	if len(src) == 0 {
		src = readFixture(b, "plain-utf8.txt")
	}
	report := src
	for len(report) < 300<<10 {
		report = append(report, src...)
	}
	report = []byte(strings.ToValidUTF8(string(report[:300<<10]), ""))
	b.SetBytes(int64(len(report)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import("big.txt", report, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTemplateID(t *testing.T) {
	tests := map[string]string{
		"report-2022.txt":          "imported-report-2022",
		"洋沙湖镇2019年工作总结.docx":       "imported-2019",
		"/tmp/归义镇半年总结.txt":         "imported",
		"A B  C.md":                "imported-a-b-c",
		"2022年上半年 Work Report.txt": "imported-2022-work-report",
	}
	for in, want := range tests {
		if got := templateID(in); got != want {
			t.Errorf("templateID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUnnumberedPartLine: "2023年工作思路" on a line of its own after
// the numbered parts starts a part (with the （一） that follow as its
// items), instead of becoming a sentence of the part before it; in the
// opening it stays where it is.
func TestUnnumberedPartLine(t *testing.T) {
	src := "某局2022年工作总结\n2022年工作总结\n今年以来，我局各项工作稳步推进。\n一、主要工作\n（一）招商引资\n引进项目12个。\n二、工作做法\n一是抓落实。\n2023年工作思路\n（一）提升招商效能\n力争引进项目15个。\n（二）优化服务\n走访企业30家。"
	_, tpl, _, draft := imported(t, "p.txt", []byte(src))
	if len(tpl.Sections) != 3 {
		t.Fatalf("%d sections, want 3:\n%s", len(tpl.Sections), draft)
	}
	plan := tpl.Sections[2]
	if plan.Heading(0).Src != "{年度 + 1}年工作思路" || len(plan.Parts) != 2 || len(tpl.Sections[1].Parts) != 0 {
		t.Errorf("plan: %q with %d items; 二 has %d items", plan.Heading(0).Src, len(plan.Parts), len(tpl.Sections[1].Parts))
	}
	for _, want := range []string{"三、2023年工作思路", "（一）提升招商效能", "（二）优化服务", "2022年工作总结\n"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
}

// docxWith builds a .docx from paragraphs given as (pPr, text) and the
// numbering and styles parts.
func docxWith(t *testing.T, numbering, styles string, paras ...[2]string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paras {
		b.WriteString("<w:p><w:pPr>" + p[0] + "</w:pPr><w:r><w:t>" + p[1] + "</w:t></w:r></w:p>")
	}
	b.WriteString("</w:body></w:document>")
	files := map[string][]byte{"word/document.xml": []byte(b.String())}
	if numbering != "" {
		files["word/numbering.xml"] = []byte(`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + numbering + `</w:numbering>`)
	}
	if styles != "" {
		files["word/styles.xml"] = []byte(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + styles + `</w:styles>`)
	}
	return zipOf(t, files)
}

// TestDocxAutomaticNumbering: numbers Word draws itself (一、 （一）
// from numbering.xml, on the paragraph or through its style) and heading
// styles without numbers give the outline, as typed numbers do.
func TestDocxAutomaticNumbering(t *testing.T) {
	const numbering = `<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>`
	const styles = `<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/></w:style>`
	num := func(ilvl string) string {
		return `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="3"/></w:numPr>`
	}
	data := docxWith(t, numbering, styles,
		[2]string{`<w:pStyle w:val="a5"/>`, "某镇2023年工作总结"},
		[2]string{"", "今年以来，我镇各项工作稳步推进。"},
		[2]string{`<w:pStyle w:val="1"/>`, "党建工作"},                    // 一、 from the style
		[2]string{num("1"), "加强学习。组织学习12次。"},                          // （一）
		[2]string{num("2"), "理论学习。开展研讨4次。"},                           // 1.
		[2]string{num("1"), "抓好队伍。发展党员3名。"},                           // （二）
		[2]string{`<w:numPr><w:numId w:val="4"/></w:numPr>`, "带头示范。"}, // a bullet: no number
		[2]string{num("0"), "经济发展"},                                   // 二、
		[2]string{`<w:pStyle w:val="3"/>`, "招商引资"},                    // heading 2, no number: （一）
		// numbering taken off in a tracked change: the old numbering does not count
		[2]string{`<w:pPrChange><w:pPr>` + num("0") + `</w:pPr></w:pPrChange>`, "引进项目5个。"},
	)
	res, tpl, a, draft := imported(t, "auto.docx", data)
	if len(tpl.Sections) != 2 || len(tpl.Sections[0].Parts) != 2 || len(tpl.Sections[1].Parts) != 1 {
		t.Fatalf("outline: %d sections\n%s", len(tpl.Sections), res.Template)
	}
	for _, want := range []string{"某镇2023年工作总结", "一、党建工作", "（一）加强学习。组织学习12次。", "　理论学习。开展研讨4次。", "（二）抓好队伍。发展党员3名。", "带头示范。", "二、经济发展", "　招商引资"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
	if answer(t, a, "引进项目") != "5" {
		t.Errorf("answers:\n%s", res.Answers)
	}
}

// FuzzDocxParagraphs: any document, numbering and styles parts give
// paragraphs of valid text, or an error; never a panic.
func FuzzDocxParagraphs(f *testing.F) {
	f.Add([]byte(`<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>党建</w:t></w:r></w:p>`),
		[]byte(`<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="1"><w:start w:val="0"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>`),
		[]byte(`<w:style w:styleId="1"><w:name w:val="heading 9"/><w:pPr><w:outlineLvl w:val="-1"/><w:numPr><w:ilvl w:val="-3"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>`))
	f.Fuzz(func(t *testing.T, body, numbering, styles []byte) {
		paras, err := docxParagraphs(body, parseNumbering(numbering), parseStyles(styles))
		if err != nil {
			return
		}
		for _, p := range paras {
			if !utf8.ValidString(p) {
				t.Fatalf("invalid text %q", p)
			}
		}
	})
}

// TestDocxHeadingStyles: a .docx whose title is in "heading 1" and whose
// sections are "heading 2" and "heading 3" without numbers (as pandoc and
// many clerks write them) reads as title, 一、 and （一）.
func TestDocxHeadingStyles(t *testing.T) {
	const styles = `<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>`
	h := func(n string) string { return `<w:pStyle w:val="Heading` + n + `"/>` }
	data := docxWith(t, "", styles,
		[2]string{h("1"), "某镇2023年工作总结"},
		[2]string{"", "今年以来，我镇各项工作稳步推进。"},
		[2]string{h("2"), "党建工作"},
		[2]string{h("3"), "加强学习"},
		[2]string{"", "组织学习12次。"},
		[2]string{h("2"), "经济发展"},
		[2]string{"", "引进项目5个。"},
	)
	_, tpl, _, draft := imported(t, "styles.docx", data)
	if len(tpl.Sections) != 2 || len(tpl.Sections[0].Parts) != 1 {
		t.Fatalf("%d sections:\n%s", len(tpl.Sections), draft)
	}
	for _, want := range []string{"某镇2023年工作总结\n", "一、党建工作", "　加强学习\n", "二、经济发展"} { // a lone （一） is not numbered
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
}

// TestLongDigitRunsAreNotFigures: an 18-digit number is an ID, not a
// statistic; it stays text (and a figure beside it is still found).
func TestLongDigitRunsAreNotFigures(t *testing.T) {
	_, tpl, _, draft := imported(t, "id.txt", []byte("一、其他\n受理编号430624199001011234的申请，发放补贴12万元。"))
	if !strings.Contains(draft, "430624199001011234") || tpl.Field("发放补贴") == nil {
		t.Errorf("draft:\n%s", draft)
	}
}

// TestImportCheckedID: without an id given, the one made from the file
// name gets -2, -3 … while it is taken; an id given is kept; what comes
// back is loaded and fits.
func TestImportCheckedID(t *testing.T) {
	data := readFixture(t, "plain-utf8.txt")
	taken := func(ids ...string) func(string) bool {
		return func(id string) bool { return slices.Contains(ids, id) }
	}
	for _, tc := range []struct {
		opt  *Options
		want string
	}{
		{nil, "imported-plain-utf8"},
		{&Options{Taken: taken("imported-x")}, "imported-plain-utf8"},
		{&Options{Taken: taken("imported-plain-utf8")}, "imported-plain-utf8-2"},
		{&Options{Taken: taken("imported-plain-utf8", "imported-plain-utf8-2")}, "imported-plain-utf8-3"},
		{&Options{ID: "mine", Taken: taken("mine")}, "mine"},
	} {
		c, err := ImportChecked("plain-utf8.txt", data, tc.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Template.ID != tc.want || c.Answers.TemplateID != tc.want {
			t.Errorf("%+v: template %q, answers for %q; want %q", tc.opt, c.Template.ID, c.Answers.TemplateID, tc.want)
		}
	}
}

// TestImportTownshipWords: a 乡's or a 街道's report says 乡党委, 乡村两级
// or 街道党工委 in plain words; importing it neither fails nor gives the
// template unit-type fields it does not use.
func TestImportTownshipWords(t *testing.T) {
	for _, src := range []string{
		"白沙乡2024年工作总结\n\n一、党的建设\n\n乡党委理论学习中心组开展集中学习6次，乡村两级干部参加。\n",
		"城西街道2024年工作总结\n\n一、党的建设\n\n街道党工委组织街道社区两级干部培训3次，走访各村社。\n",
	} {
		c, err := ImportChecked("r.txt", []byte(src), nil, nil)
		if err != nil {
			t.Fatalf("%.20s…: %v", src, err)
		}
		for _, id := range []string{"单位类型", "党委", "两级", "村社"} {
			if c.Template.Field(id) != nil {
				t.Errorf("%.20s…: the template has a field %s", src, id)
			}
		}
	}
}

// TestUnitAt: a one-character unit that begins a word is no unit; a
// longer unit wins over a shorter one.
func TestUnitAt(t *testing.T) {
	for in, want := range map[string]string{
		"个村": "个", "个人": "", "名党员": "名", "名单": "", "人次": "人次", "人员": "",
		"家企业": "家", "家庭": "", "天然": "", "米业": "", "期末": "", "场所": "", "场次": "场次",
		"组织": "", "部门": "", "门店": "", "门": "门", "万元": "万元", "亩。": "亩", "其他": "",
	} {
		if got := unitAt([]rune(in), 0); got != want {
			t.Errorf("unitAt(%q) = %q, want %q", in, got, want)
		}
	}
}
