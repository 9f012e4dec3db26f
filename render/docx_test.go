package render

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/nguyenthenguyen/docx"
)

// sampleDoc is a hand-built report: title, every heading level standing
// alone and running in, body text, missing-figure markers and a signature.
// With long it runs to several pages, for the layout check.
func sampleDoc(long bool) *Document {
	miss := func(label string) Span {
		m := &Missing{Field: label, Label: label}
		return Span{Text: "【待填:" + label + "】", Missing: m}
	}
	t := func(s string) []Span { return []Span{{Text: s}} }
	doc := &Document{
		Title:     "某某镇2022年上半年工作总结",
		Signature: Signature{Unit: "某某镇人民政府", Date: "2022年8月29日"},
		Info:      map[string]string{"单位": "某某镇", "年度": "2022"},
	}
	add := func(p Para) { doc.Paras = append(doc.Paras, p) }
	add(Para{Body: t("今年以来，某某镇在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，紧紧围绕年初确定的目标任务，凝心聚力、真抓实干，各项工作取得了积极成效。现将上半年工作情况汇报如下。")})
	rounds := 1
	if long {
		rounds = 4
	}
	nums := []string{"一", "二", "三", "四", "五", "六"}
	for r := 0; r < rounds; r++ {
		add(Para{Level: 1, Number: nums[r] + "、", Heading: t("聚焦党建引领，在基层治理上求实效")})
		add(Para{Level: 2, Number: "（一）", Heading: t("加强党建引领，提升基层治理能力。"),
			Body: []Span{{Text: "重点推进党支部标准化规范化建设，上半年共缴纳党费"}, miss("党费合计"), {Text: "元，开展主题党日活动"}, {Text: "48场次，参与党员群众1200余人次，基层党组织的政治功能和组织功能持续增强，党员干部干事创业的精气神不断提振。"}}})
		add(Para{Level: 2, Number: "（二）", Heading: t("压实安全生产责任")})
		add(Para{Body: t("坚持人民至上、生命至上，统筹发展和安全，扎实开展安全生产大检查和专项整治三年行动，全面排查各类风险隐患，建立问题清单、责任清单、整改清单，确保隐患整改到位、责任落实到人、措施执行到底，全镇安全生产形势总体平稳向好，未发生较大以上安全事故。")})
		add(Para{Level: 3, Number: "1.", Heading: t("强化隐患排查整治。"),
			Body: []Span{{Text: "上半年共检查企业86家，发现隐患300余处，已整改"}, miss("整改隐患"), {Text: "处，对重点行业领域开展全覆盖检查，对发现的问题逐项建立台账、限期整改、跟踪问效，坚决守住安全底线。"}}})
		add(Para{Level: 3, Number: "2.", Heading: t("加强应急能力建设")})
		add(Para{Body: t("健全完善应急预案体系，组织开展防汛、森林防火、消防等各类应急演练，配齐配强应急物资装备，建立微型消防站，组建应急救援队伍，全面提升突发事件应急处置能力和水平，切实保障人民群众生命财产安全。")})
		add(Para{Level: 4, Number: "（1）", Heading: t("开展“打非治违”专项行动。"),
			Body: t("聚焦非法违法生产经营建设行为，联合相关部门开展集中整治行动，依法查处各类违法违规行为，形成了强大震慑。")})
		add(Para{Level: 4, Number: "（2）", Heading: t("推进安全宣传进企业")})
		add(Para{Body: t("深入开展安全生产月活动，通过发放宣传资料、举办专题讲座、开展以案说法等方式，广泛宣传安全生产法律法规和安全知识，不断增强群众安全意识和自救互救能力，营造了人人讲安全、个个会应急的良好氛围。")})
	}
	add(Para{Body: t("下一步，我们将继续坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，以更加务实的作风、更加有力的举措，推动各项工作再上新台阶，为全县经济社会高质量发展作出新的更大贡献。")})
	return doc
}

// docxParts unzips a .docx and parses every XML part, failing the test if
// any is not well-formed. nguyenthenguyen/docx, as a program reading
// what nigao writes, must open it and read back the same main document.
func docxParts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	parts := unzipParts(t, data)
	for name, b := range parts {
		checkPart(t, name, b)
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("nguyenthenguyen/docx does not open the output: %v", err)
	}
	defer rd.Close()
	if rd.Editable().GetContent() != parts[docxMainPart] {
		t.Fatal("nguyenthenguyen/docx reads another main document than the one written")
	}
	return parts
}

// unzipParts reads every part of a .docx, failing the test if it is not
// a readable zip.
func unzipParts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// checkPart fails the test if an XML part is not well-formed or uses an
// unbound prefix.
func checkPart(t testing.TB, name, b string) {
	t.Helper()
	if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
		return
	}
	if err := checkDocxXML([]byte(b)); err != nil {
		t.Fatalf("%s is not well-formed: %v", name, err)
	}
	// encoding/xml also checks namespaces are bound on the way.
	d := xml.NewDecoder(strings.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space == "w" {
			t.Fatalf("%s: unbound prefix on <%s>", name, se.Name.Local)
		}
	}
}

// wmlParagraphs returns the text of each <w:p> of an XML part, with
// <w:br/> as "\n" and <w:tab/> as "\t", and whether a highlighted run
// holds each highlighted text.
func wmlParagraphs(t testing.TB, src string) (paras []string, highlighted []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(src))
	var cur strings.Builder
	inT, hl := false, false
	var run strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return paras, highlighted
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				cur.Reset()
			case "r":
				hl = false
				run.Reset()
			case "highlight":
				hl = true
			case "t":
				inT = true
			case "br":
				cur.WriteString("\n")
			case "tab":
				cur.WriteString("\t")
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				paras = append(paras, cur.String())
			case "r":
				if hl {
					highlighted = append(highlighted, run.String())
				}
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(e)
				run.Write(e)
			}
		}
	}
}

func writeDocx(t testing.TB, doc *Document, opt DocxOptions) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDocx(&buf, doc, opt); err != nil {
		t.Fatal(err)
	}
	return docxParts(t, buf.Bytes())
}

func TestWriteDocxLayout(t *testing.T) {
	parts := writeDocx(t, sampleDoc(false), DocxOptions{})
	doc, styles, settings := parts["word/document.xml"], parts["word/styles.xml"], parts["word/settings.xml"]
	// Into the skeleton, the body names styles; the styles hold the look.
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="2098"`, `w:bottom="1984"`, `w:left="1587"`, `w:right="1474"`,
		`<w:docGrid w:type="lines" w:linePitch="579"/>`,
		`<w:pStyle w:val="Title"/>`, `<w:pStyle w:val="Heading1"/>`, `<w:pStyle w:val="Heading4"/>`,
		`<w:rStyle w:val="Heading2Char"/>`, `<w:rStyle w:val="Heading3Char"/>`,
		`<w:highlight w:val="yellow"/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	for _, unwanted := range []string{`<w:rFonts`, `<w:sz `, `<w:ind w:left`} {
		if strings.Contains(doc, unwanted) {
			t.Errorf("document.xml spells out %s, which the skeleton's styles give", unwanted)
		}
	}
	// The GB/T 9704 look: exact line pitch, 2号 title and 3号 text
	// condensed to 28 a line, the four fonts, Times New Roman for Latin,
	// two-character indent.
	look := []string{
		`w:line="579" w:lineRule="exact"`,
		`<w:sz w:val="44"/>`, `<w:sz w:val="32"/>`,
		`<w:spacing w:val="-5"/>`,
		`w:eastAsia="方正小标宋简体"`, `w:eastAsia="黑体"`, `w:eastAsia="楷体_GB2312"`, `w:eastAsia="仿宋_GB2312"`,
		`w:ascii="Times New Roman"`, `w:hint="eastAsia"`,
		`w:firstLineChars="200"`,
	}
	for _, want := range append(look, `w:styleId="Heading1Char"`, `w:styleId="Heading2Char"`, `w:styleId="Heading3Char"`) {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	// Into a user's template, whose styles may be anything, the same body
	// spells its look out.
	direct := wmlBody(sampleDoc(false), wmlOptions{title: true, signature: true})
	for _, want := range append(look,
		`<w:pStyle w:val="Title"/>`, `<w:pStyle w:val="Heading1"/>`, `<w:pStyle w:val="Heading4"/>`,
		`<w:highlight w:val="yellow"/>`,
	) {
		if !strings.Contains(direct, want) {
			t.Errorf("body for a user's template lacks %s", want)
		}
	}
	if strings.Contains(direct, "rStyle") {
		t.Error("body for a user's template names the skeleton's character styles")
	}
	styledParas, _ := wmlParagraphs(t, doc)
	if directParas, _ := wmlParagraphs(t, "<w:body>"+direct+"</w:body>"); !reflect.DeepEqual(directParas, styledParas) {
		t.Errorf("the styled and the spelled-out body differ in text:\n%q\n%q", directParas, styledParas)
	}

	if strings.Contains(doc, "numPr") {
		t.Error("list numbering switched off in a package without numbering")
	}
	if b := wmlBody(sampleDoc(false), wmlOptions{noNumbering: true}); !strings.Contains(b, `<w:numId w:val="0"/>`) {
		t.Error("list numbering not switched off in headings for a template with numbering")
	}
	if !strings.Contains(settings, "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml lacks evenAndOddHeaders")
	}
	for _, f := range []struct{ name, jc string }{{"word/footer1.xml", "right"}, {"word/footer2.xml", "left"}} {
		x := parts[f.name]
		for _, want := range []string{`<w:sz w:val="28"/>`, " PAGE ", "— ", " —", `<w:jc w:val="` + f.jc + `"/>`, `w:eastAsia="宋体"`} {
			if !strings.Contains(x, want) {
				t.Errorf("%s lacks %q", f.name, want)
			}
		}
	}
	for name, x := range parts {
		if strings.Contains(x, "Theme") || strings.Contains(x, "theme") {
			t.Errorf("%s refers to theme fonts or a theme", name)
		}
	}
	if !strings.Contains(styles, `w:styleId="Heading3"`) || !strings.Contains(styles, `<w:name w:val="heading 3"/>`) {
		t.Error("styles.xml lacks the heading styles pandoc and Word's outline need")
	}

	paras, hl := wmlParagraphs(t, doc)
	want := []string{"某某镇2022年上半年工作总结", "", "今年以来"}
	for i, w := range want {
		if !strings.HasPrefix(paras[i], w) || w == "" && paras[i] != "" {
			t.Errorf("paragraph %d = %q, want prefix %q", i, paras[i], w)
		}
	}
	if !contains(paras, "（一）加强党建引领，提升基层治理能力。重点推进党支部") {
		t.Error("run-in heading is not one paragraph with its body")
	}
	if got := paras[len(paras)-2:]; got[0] != "某某镇人民政府" || got[1] != "2022年8月29日" {
		t.Errorf("signature = %q", got)
	}
	if len(hl) != 2 || hl[0] != "【待填:党费合计】" || hl[1] != "【待填:整改隐患】" {
		t.Errorf("highlighted runs = %q, want the two 【待填】 markers", hl)
	}
}

func contains(paras []string, prefix string) bool {
	for _, p := range paras {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// TestWriteDocxRunIn checks the formatting of a run-in heading: the heading
// part in the level's font (bold for 1.), the body in 仿宋.
func TestWriteDocxRunIn(t *testing.T) {
	for lv, font := range map[int]string{1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"} {
		doc := &Document{Paras: []Para{{Level: lv, Number: "N", Heading: []Span{{Text: "标题。"}}, Body: []Span{{Text: "正文"}}}}}
		body := wmlBody(doc, wmlOptions{})
		runs := regexp.MustCompile(`<w:r>.*?</w:r>`).FindAllString(body, -1)
		if len(runs) != 3 || strings.Count(body, "<w:p>") != 1 {
			t.Fatalf("level %d: %d runs in %d paragraphs, want 3 in 1: %s", lv, len(runs), strings.Count(body, "<w:p>"), body)
		}
		for _, r := range runs[:2] {
			if !strings.Contains(r, `w:eastAsia="`+font+`"`) || (lv == 3) != strings.Contains(r, "<w:b/>") {
				t.Errorf("level %d heading run: %s", lv, r)
			}
		}
		if !strings.Contains(runs[2], `w:eastAsia="仿宋_GB2312"`) || strings.Contains(runs[2], "<w:b/>") {
			t.Errorf("level %d body run: %s", lv, runs[2])
		}
		if strings.Contains(body, "pStyle") {
			t.Errorf("level %d: a run-in heading is a body paragraph, not a heading: %s", lv, body)
		}
	}
}

// TestWriteDocxEscapes feeds markup characters, control characters and
// broken UTF-8 through every place text goes.
func TestWriteDocxEscapes(t *testing.T) {
	nasty := "a<b>&c\"d'e]]>\x00\x01\x07\x1b\x7f\uFFFE\r\n第二行\t制表\xff"
	clean := "a<b>&c\"d'e]]>\n第二行\t制表\uFFFD"
	doc := &Document{
		Title:     nasty,
		Paras:     []Para{{Level: 1, Number: "一、", Heading: []Span{{Text: nasty}}}, {Level: 2, Number: "（一）", Heading: []Span{{Text: nasty}}, Body: []Span{{Text: nasty}, {Text: nasty, Missing: &Missing{}}}}},
		Signature: Signature{Unit: nasty, Date: nasty},
		Info:      map[string]string{"单位": nasty},
	}
	paras, _ := wmlParagraphs(t, writeDocx(t, doc, DocxOptions{})["word/document.xml"])
	for _, p := range paras {
		if p != "" && !strings.Contains(p, clean) {
			t.Errorf("paragraph %q does not hold %q", p, clean)
		}
	}

	// The same through placeholders of a template.
	tpl := testTemplate(t, `<w:p><w:r><w:t>{{标题}}</w:t></w:r></w:p>`+wmlTextPara("{{正文}}")+wmlTextPara("{{单位}}"), "")
	paras, _ = wmlParagraphs(t, writeDocx(t, doc, DocxOptions{Template: tpl})["word/document.xml"])
	if paras[0] != clean || paras[len(paras)-1] != clean {
		t.Errorf("placeholders filled as %q and %q, want %q", paras[0], paras[len(paras)-1], clean)
	}
}

// TestDocxSplitPlaceholder: Word often stores "{{单位}}" as three runs;
// it must be filled all the same, in the body and in a header.
func TestDocxSplitPlaceholder(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "docx", "split.docx"))
	if err != nil {
		t.Fatal(err)
	}
	parts := writeDocx(t, sampleDoc(false), DocxOptions{Template: data})
	paras, _ := wmlParagraphs(t, parts["word/document.xml"])
	if paras[0] != "单位：某某镇人民政府（2022年）" {
		t.Errorf("first paragraph = %q", paras[0])
	}
	if strings.Contains(parts["word/document.xml"], "{{") || strings.Contains(parts["word/document.xml"], "}}") {
		t.Error("placeholder left in document.xml")
	}
	hp, _ := wmlParagraphs(t, parts["word/header1.xml"])
	if len(hp) != 1 || hp[0] != "某某镇人民政府 2022年工作总结 【待填:无此字段】" {
		t.Errorf("header = %q", hp)
	}
	// The run that held "{{" keeps its formatting and takes the value.
	if !regexp.MustCompile(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">某某镇人民政府</w:t></w:r>`).MatchString(parts["word/document.xml"]) {
		t.Errorf("value not in the first run of the placeholder:\n%s", parts["word/document.xml"])
	}
}

// TestWMLPartFill covers the corners of placeholder filling: a paragraph
// nested in a text box, a body paragraph carrying section properties,
// markup-like text in comments and attribute values, escaped text.
func TestWMLPartFill(t *testing.T) {
	src := `<w:body><!-- <w:p><w:t>{{单位}}</w:t></w:p> -->` +
		`<w:p><w:r><w:t>A{{</w:t></w:r><w:r><w:pict><w:txbxContent>` +
		`<w:p><w:r><w:t>{{单</w:t></w:r><w:r x="a>b"><w:t>位}}</w:t></w:r></w:p>` +
		`</w:txbxContent></w:pict></w:r><w:r><w:t>年度}}&amp;&lt;</w:t><w:t/></w:r></w:p>` +
		`<w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:pPr><w:r><w:t>{{正文}}</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>{{ 日期 }}</w:t></w:r></w:p></w:body>`
	p, err := parseWMLPart(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.count("单位") != 1 || p.count("年度") != 1 || p.count("正文") != 1 || p.count("日期") != 1 {
		t.Fatalf("counts: 单位 %d 年度 %d 正文 %d 日期 %d", p.count("单位"), p.count("年度"), p.count("正文"), p.count("日期"))
	}
	var out strings.Builder
	w := bufio.NewWriter(&out)
	p.fill(w, func(n string) string { return "<" + n + ">" }, func(b *bufio.Writer) { b.WriteString("<BODY/>") })
	w.Flush()
	got := out.String()
	want := `<w:body><!-- <w:p><w:t>{{单位}}</w:t></w:p> -->` +
		`<w:p><w:r><w:t xml:space="preserve">A&lt;年度&gt;</w:t></w:r><w:r><w:pict><w:txbxContent>` +
		`<w:p><w:r><w:t xml:space="preserve">&lt;单位&gt;</w:t></w:r><w:r x="a>b"><w:t xml:space="preserve"></w:t></w:r></w:p>` +
		`</w:txbxContent></w:pict></w:r><w:r><w:t xml:space="preserve">&amp;&lt;</w:t><w:t/></w:r></w:p>` +
		`<BODY/><w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:pPr></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">&lt;日期&gt;</w:t></w:r></w:p></w:body>`
	if got != want {
		t.Errorf("fill:\n got %s\nwant %s", got, want)
	}
	if _, err := parseWMLPart("<w:p>{<w:t"); err == nil {
		t.Error("unclosed tag accepted")
	}
}

func TestDocxLetterhead(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "docx", "letterhead.docx"))
	if err != nil {
		t.Fatal(err)
	}
	doc := sampleDoc(false)
	parts := writeDocx(t, doc, DocxOptions{Template: data, TemplateName: "letterhead.docx"})
	x := parts["word/document.xml"]
	paras, _ := wmlParagraphs(t, x)
	if paras[0] != "某某镇人民政府" || !strings.Contains(x, `<w:color w:val="FF0000"/>`) || !strings.Contains(x, `w:color="FF0000"`) {
		t.Errorf("red letterhead (name and rule) lost: %q", paras[:2])
	}
	if !contains(paras, doc.Title) || !contains(paras, "今年以来") || strings.Count(x, doc.Title) != 1 {
		t.Error("title or body missing, or the title generated twice")
	}
	if strings.Count(x, "2022年8月29日") != 1 || strings.Contains(x, "{{") {
		t.Error("the template's own signature area not filled, or a second one generated")
	}
	if !strings.Contains(x, "<w:sectPr") || !strings.Contains(x, `w:top="2098"`) {
		t.Error("page setup lost")
	}
}

// TestDocxPackageParts: the output keeps the template's parts in order;
// parts nothing was filled into are copied as they are (a letterhead's
// logo is not recompressed), and the filled ones are deflated.
func TestDocxPackageParts(t *testing.T) {
	tpl, err := os.ReadFile(filepath.Join("..", "testdata", "docx", "letterhead.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opt  DocxOptions
	}{
		{"builtin", DocxOptions{}},
		{"letterhead", DocxOptions{Template: tpl, TemplateName: "letterhead.docx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteDocx(&buf, sampleDoc(false), tc.opt); err != nil {
				t.Fatal(err)
			}
			out, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			in := tc.opt.Template
			if in == nil {
				in = skeletonDocx
			}
			src, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
			if err != nil {
				t.Fatal(err)
			}
			if len(out.File) != len(src.File) {
				t.Fatalf("%d parts, template has %d", len(out.File), len(src.File))
			}
			for i, f := range out.File {
				s := src.File[i]
				if f.Name != s.Name {
					t.Errorf("part %d is %s, template has %s", i, f.Name, s.Name)
				}
				if f.Name == docxMainPart {
					if f.Method != zip.Deflate {
						t.Errorf("%s not deflated (method %d)", f.Name, f.Method)
					}
					continue
				}
				if f.Method != s.Method || f.CRC32 != s.CRC32 || f.CompressedSize64 != s.CompressedSize64 {
					t.Errorf("%s changed: method %d crc %08x size %d, template %d %08x %d", f.Name, f.Method, f.CRC32, f.CompressedSize64, s.Method, s.CRC32, s.CompressedSize64)
				}
			}
		})
	}
}

// TestDocxTemplateReused: a template opened once fills any number of
// documents, at the same time too, each as if it had been opened afresh.
func TestDocxTemplateReused(t *testing.T) {
	path := filepath.Join("..", "testdata", "docx", "letterhead.docx")
	opened, err := ReadDocxTemplate(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := []*Document{sampleDoc(false), sampleDoc(true), {Title: "另一份", Signature: Signature{Unit: "某某局", Date: "2023年1月5日"}}}
	want := make([][]byte, len(docs))
	for i, d := range docs {
		var buf bytes.Buffer
		if err := WriteDocx(&buf, d, DocxOptions{Template: opened.Template, TemplateName: path}); err != nil {
			t.Fatal(err)
		}
		want[i] = buf.Bytes()
	}
	got := make([][]byte, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := WriteDocx(&buf, d, opened); err != nil {
				t.Error(err)
			}
			got[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i := range docs {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("document %d differs when the template is reused", i)
		}
	}
}

// TestDocxBadTemplates: every broken template gets a clear Chinese message
// naming the file, and nothing panics.
func TestDocxBadTemplates(t *testing.T) {
	for file, want := range map[string]string{
		"not-zip.docx":     "不是有效的 .docx 文件（不是 zip 格式）",
		"no-document.docx": "缺少 word/document.xml",
		"bomb.docx":        "解压后超过 50 MiB",
		"malformed.docx":   "word/document.xml 第 4 行不是合法的 XML",
		"no-body.docx":     "模板中没有 {{正文}} 占位符",
		"two-bodies.docx":  "{{正文}} 出现了 2 次",
		"strict.docx":      "严格 Open XML",
		"doctype.docx":     "word/document.xml 含有 DOCTYPE 声明",
		"traversal.docx":   "部件名“../../evil.xml”不安全",
	} {
		path := filepath.Join("..", "testdata", "docx", file)
		_, err := ReadDocxTemplate(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "读取 Word 模板 "+path+": ") {
			t.Errorf("ReadDocxTemplate %s: error %v, want one with %q", file, err, want)
		}
		data, _ := os.ReadFile(path)
		err = WriteDocx(io.Discard, sampleDoc(false), DocxOptions{Template: data, TemplateName: file})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "读取 Word 模板 "+file+": ") {
			t.Errorf("WriteDocx %s: error %v, want one with %q", file, err, want)
		}
	}
	if _, err := ReadDocxTemplate(filepath.Join("..", "testdata", "docx", "none.docx")); err == nil {
		t.Error("a missing file is no error")
	}
}

// TestDocxTestdataCurrent regenerates the example templates in memory and
// compares them with the committed files (go test ./render -update
// writes them).
func TestDocxTestdataCurrent(t *testing.T) {
	for name, data := range docxTestdata(t) {
		path := filepath.Join("..", "testdata", "docx", name)
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s is not what docx_testdata_test.go makes; run go test ./render -update", path)
		}
	}
}

func TestWriteDocxFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.docx")
	if err := Docx.WriteFile(path, sampleDoc(false), DocxOptions{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docxParts(t, data)
	// A failing write leaves the old file alone and no temporary behind.
	err = Docx.WriteFile(path, sampleDoc(false), DocxOptions{Template: []byte("garbage"), TemplateName: "x.docx"})
	if err == nil {
		t.Fatal("bad template accepted")
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, data) {
		t.Error("failed write changed the file")
	}
	if err := Docx.WriteFile(filepath.Join(dir, "无此目录", "a.docx"), sampleDoc(false), DocxOptions{}); err == nil || !strings.Contains(err.Error(), "无此目录 不存在") {
		t.Errorf("write into a missing folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the document", len(entries))
	}
	if err := WriteDocx(io.Discard, nil, DocxOptions{}); err == nil {
		t.Error("nil document accepted")
	}
}

// TestDocxPandoc reads the output back with pandoc: the title, the headings
// at their levels and the text must all be there.
func TestDocxPandoc(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc not installed")
	}
	path := filepath.Join(t.TempDir(), "report.docx")
	doc := sampleDoc(false)
	if err := Docx.WriteFile(path, doc, DocxOptions{}); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pandoc", path, "-t", "markdown", "-s", "--wrap=none").Output()
	if err != nil {
		t.Fatal(err)
	}
	md := strings.ReplaceAll(string(out), "**", "")
	var want []string
	want = append(want, "title: "+doc.Title)
	for _, p := range doc.Paras {
		text := p.Number + PlainText(p.Heading) + PlainText(p.Body)
		if p.IsHeading() {
			text = strings.Repeat("#", p.Level) + " " + text
		}
		want = append(want, strings.ReplaceAll(strings.ReplaceAll(text, "“", `"`), "”", `"`))
	}
	want = append(want, doc.Signature.Unit, doc.Signature.Date)
	for _, w := range want {
		if !strings.Contains(md, "\n"+w) {
			t.Errorf("pandoc output lacks a line starting %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "list-paragraph") {
		t.Error("pandoc reads headings as list paragraphs")
	}
}

// TestDocxGBT9704 runs the project's layout checker, through LibreOffice,
// on a draft of several pages.
func TestDocxGBT9704(t *testing.T) {
	if testing.Short() {
		t.Skip("renders through LibreOffice")
	}
	script := filepath.Join("..", "..", "shared", "tools", "gbt9704.py")
	if _, err := os.Stat(script); err != nil {
		t.Skip("checker not found:", script)
	}
	for _, tool := range []string{"python3", "soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool, "not installed")
		}
	}
	path := filepath.Join(t.TempDir(), "report.docx")
	if err := Docx.WriteFile(path, sampleDoc(true), DocxOptions{}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", script, path, "--pdf")
	// LibreOffice needs a writable profile; keep it out of the user's home.
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("layout check failed")
	} else if err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWriteDocx(b *testing.B) {
	doc := sampleDoc(true)
	doc.Paras = append(doc.Paras, doc.Paras...) // 12 pages, more than the largest built-in report
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDocx(io.Discard, doc, DocxOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzWriteDocx: any text makes a well-formed document.
func FuzzWriteDocx(f *testing.F) {
	f.Add("某某镇", "<&>\"'\x00\x1f\uFFFF\xff{{正文}}")
	docFor := func(a, b string) *Document {
		return &Document{Title: a, Paras: []Para{{Level: 2, Number: a, Heading: []Span{{Text: b}}, Body: []Span{{Text: a}, {Text: b, Missing: &Missing{}}}}},
			Signature: Signature{Unit: a, Date: b}, Info: map[string]string{a: b}}
	}
	// Parts the text does not reach come from the skeleton unchanged;
	// checking only those that differ keeps each run cheap.
	base := writeDocx(f, docFor("甲", "乙"), DocxOptions{})
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf bytes.Buffer
		if err := WriteDocx(&buf, docFor(a, b), DocxOptions{}); err != nil {
			t.Fatal(err)
		}
		parts := unzipParts(t, buf.Bytes())
		if len(parts) != len(base) {
			t.Fatalf("%d parts, want %d", len(parts), len(base))
		}
		for name, p := range parts {
			if p != base[name] {
				checkPart(t, name, p)
			}
		}
	})
}

// FuzzDocxTemplate: any bytes as a template give a document or an error,
// never a panic.
func FuzzDocxTemplate(f *testing.F) {
	for _, name := range []string{"letterhead.docx", "split.docx", "malformed.docx"} {
		if data, err := os.ReadFile(filepath.Join("..", "testdata", "docx", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		if err := WriteDocx(&buf, sampleDoc(false), DocxOptions{Template: data}); err == nil {
			docxParts(t, buf.Bytes())
		}
	})
}

// FuzzWMLPlaceholders: the hand-written matcher finds what the regular
// expression it stands for finds.
func FuzzWMLPlaceholders(f *testing.F) {
	re := regexp.MustCompile(`\{\{\s*([^{}\s][^{}]{0,40}?)\s*\}\}`)
	for _, s := range []string{"{{标题}}", "x{{ 单位 }}y{{日期}}", "{{{a}}}", "{{}}", "{{ }}", "{{a}", "{{a{{b}}",
		"{{" + strings.Repeat("长", 41) + "}}", "{{" + strings.Repeat("长", 42) + "}}", "{{\xff\xfe}}", "{{a\vb\t}}", "{{\n正文\r\n}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.FindAllStringSubmatchIndex(s, -1)
		if got := wmlPlaceholders(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	})
}

// The signature's unit is kept with its date: a draft that ended at a
// page's foot printed the unit there and its date alone on a new page.
func TestSignatureKeptTogether(t *testing.T) {
	for _, styled := range []bool{false, true} {
		body := wmlBody(sampleDoc(false), wmlOptions{title: true, signature: true, styled: styled})
		unit := strings.Index(body, "某某镇人民政府")
		start := strings.LastIndex(body[:unit], "<w:p>")
		if start < 0 || !strings.Contains(body[start:unit], "<w:keepNext/>") {
			t.Errorf("styled %v: the signature's unit is not kept with its date:\n%s", styled, body[max(0, start):unit])
		}
		date := strings.Index(body, "2022年8月29日")
		if strings.Contains(body[strings.LastIndex(body[:date], "<w:p>"):date], "<w:keepNext/>") {
			t.Errorf("styled %v: the date is kept with what follows it", styled)
		}
	}
}
