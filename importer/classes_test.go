package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// The classes of issue 13, each on made-up report text of the shape the
// samples have: what becomes a field, how years read, how broken lines
// join, and what the fields are called.

// figuresOf imports a one-part report and returns the figures made
// fields (as written) and the template's prose.
func figuresOf(t *testing.T, body string) ([]NamedField, *schema.Template, string) {
	t.Helper()
	res, tpl, _ := roundTrip(t, "c.txt", []byte("某镇2023年工作总结\n一、主要工作\n"+body))
	return res.Report.Named, tpl, templateProse(tpl)
}

func figureTexts(ns []NamedField) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Figure)
	}
	return out
}

// TestStatisticsOnly: masked names, rules, rates, thresholds, deadlines
// and dates of past events stay text; masked figures, 千 and 万 as
// multipliers, negatives, ranges, figures after 为, things counted in pots
// and figures broken over two lines become fields.
func TestStatisticsOnly(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		figures    []string // as written
		answers    []string // the answers, in order ("" for a masked figure)
		keep       []string // text that stays in the template
	}{
		{name: "masked names",
			body: "其中XX村被评为市级文明村，X组完成改厕，××社区获评先进。",
			keep: []string{"XX村被评为", "X组完成改厕", "××社区获评"}},
		{name: "masked figures",
			body:    "共走访××名困难群众，全镇X个村完成改厕，发放宣传册x.xx万份。",
			figures: []string{"××名", "X个", "x.xx万份"}, answers: []string{"", "", ""}},
		{name: "rules, rates and deadlines",
			body: "每月开展2次巡查，群众诉求48小时内办结，申请材料3个工作日内审核完毕，补贴标准为30元/人，" +
				"每季度召开例会不少于1次，实行24小时值班，开展为期3天的培训，对100万元以上的项目实行跟踪审计，年用工10人以上企业全部纳入。",
			keep: []string{"每月开展2次巡查", "48小时内", "3个工作日", "30元/人", "不少于1次", "24小时值班", "为期3天", "100万元以上的项目", "10人以上企业"}},
		{name: "more than, said of a figure",
			body:    "投入资金120万元以上，群众满意率达95%以上，争创3个以上示范村。",
			figures: []string{"120万元", "95%", "3个"}, answers: []string{"120", "95%", "3"}},
		{name: "dates",
			body:    "2023年5月12日，召开动员大会。截至2023年11月30日，累计发放补贴36万元。",
			figures: []string{"2023年11月30日", "36万元"}, answers: []string{"2023-11-30", "36"},
			keep: []string{"2023年5月12日，召开动员大会"}},
		{name: "千 and 万",
			body:    "组织志愿者参与服务3千余人次，惠及群众1.2万余人，收缴烟花近4千元。",
			figures: []string{"3千余人次", "1.2万余人", "近4千元"}, answers: []string{"3千余", "1.2万余", "近4"}},
		{name: "negatives",
			body:    "完成固定资产投资8.6亿元，同比增长-3.2%，税收减少－1.5个百分点。",
			figures: []string{"8.6亿元", "-3.2%", "－1.5个百分点"}, answers: []string{"8.6", "-3.2%", "-1.5"}},
		{name: "ranges",
			body:    "力争新增规上企业3-5家，每村配备网格员2～3名，新建公厕4至6座。",
			figures: []string{"3-5家", "4至6座"}, answers: []string{"3-5", "4至6"},
			keep: []string{"每村配备网格员2～3名"}},
		{name: "为 after 每",
			body:    "每月为120名独居老人送餐上门，每周向8家企业推送政策。",
			figures: []string{"120名", "8家"}, answers: []string{"120", "8"}},
		{name: "pots and barrels",
			body:    "摆放鲜花800盆，发放分类垃圾桶1200个，清运垃圾300车，新打机井6眼。",
			figures: []string{"800盆", "1200个", "300车", "6眼"}, answers: []string{"800", "1200", "300", "6"}},
		{name: "a figure broken over two lines",
			body:    "全年累计向辖区各村居发放各类宣传资料12\n00份，在主要路段悬挂宣传横幅36\n条，张贴标语4\n500张。",
			figures: []string{"1200份", "36条", "4500张"}, answers: []string{"1200", "36", "4500"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, tpl, draft := roundTrip(t, "c.txt", []byte("某镇2023年工作总结\n一、主要工作\n"+tc.body))
			prose := templateProse(tpl)
			got := figureTexts(res.Report.Named)
			if !slices.Equal(got, tc.figures) {
				t.Errorf("figures %q, want %q\n%s", got, tc.figures, res.Template)
			}
			a, err := schema.LoadAnswers("a.yaml", res.Answers)
			if err != nil {
				t.Fatal(err)
			}
			for i, n := range res.Report.Named {
				if i < len(tc.answers) {
					if r, _ := a.Get(n.ID); r.Text != tc.answers[i] {
						t.Errorf("%s = %q, want %q", n.ID, r.Text, tc.answers[i])
					}
				}
			}
			for _, k := range tc.keep {
				if !strings.Contains(prose, k) {
					t.Errorf("%q is not kept as text:\n%s", k, prose)
				}
			}
			if strings.Contains(draft, "【待填") != slices.Contains(tc.answers, "") {
				t.Errorf("draft:\n%s", draft)
			}
		})
	}
}

// TestRangeIsText: a range is a text field with its unit, so 3-5 reads
// back as written.
func TestRangeIsText(t *testing.T) {
	_, tpl, _ := figuresOf(t, "力争新增规上企业3-5家。")
	f := tpl.Fields()[len(tpl.Fields())-1]
	if f.Type != schema.Text || f.Unit != "家" {
		t.Errorf("range field %+v", f)
	}
}

// TestYears: only the report's year and the next are written relative
// to it; a year that names a programme, an award or a document, and the
// year before, stay as written; 2023以来 reads as 2023; a year broken
// over two lines joins.
func TestYears(t *testing.T) {
	src := "某镇2023年工作总结和2024年工作计划\n" +
		"2023年，我镇坚持稳中求进，各项工作取得新成效，主要经济指标比2022年增长5%以上，现将有关情况报告如下。\n" +
		"一、2023年工作总结\n" +
		"（一）项目建设。成功申报2023年度省级示范项目2个，2021年度省级示范项目通过验收，荣获2023年全市文明单位称号，" +
		"落实《2023年乡村振兴实施方案》，截至202\n3年底共实施项目12个。\n" +
		"二、2024年工作计划\n" +
		"2024年，力争新建项目15个。"
	res, tpl, _, draft := imported(t, "y.txt", []byte(src))
	if res.Report.Year != 2023 {
		t.Fatalf("year %d", res.Report.Year)
	}
	if tpl.Title.Src != "{单位}{年度}年工作总结和{年度 + 1}年工作计划" {
		t.Errorf("title %q", tpl.Title.Src)
	}
	prose := templateProse(tpl)
	for _, keep := range []string{"比2022年增长", "申报2023年度省级示范项目", "2021年度省级示范项目通过验收", "荣获2023年全市文明单位", "《2023年乡村振兴实施方案》"} {
		if !strings.Contains(prose, keep) {
			t.Errorf("%q is not kept as written:\n%s", keep, prose)
		}
	}
	text := tpl.Sections[0].Parts[0].Paragraphs[0].Text.Src
	if !strings.Contains(text, "截至{年度}年底") {
		t.Errorf("the year broken over two lines: %s", text)
	}
	if tpl.Opening[0].Text.Src[:len("{年度}年，")] != "{年度}年，" || tpl.Sections[1].Heading(0).Src != "{年度 + 1}年工作计划" {
		t.Errorf("opening %q, plan %q", tpl.Opening[0].Text.Src, tpl.Sections[1].Heading(0).Src)
	}
	// next year: the report's years move, the history does not
	a, _ := schema.LoadAnswers("a.yaml", res.Answers)
	a.Set("年度", schema.Raw{Text: "2024"})
	next := render.Build(tpl.Evaluate(a))
	var b strings.Builder
	render.WriteText(&b, next)
	for _, want := range []string{"2024年工作总结和2025年工作计划", "2021年度省级示范项目", "申报2023年度省级示范项目", "截至2024年底"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("next year's draft lacks %q:\n%s", want, b.String())
		}
	}
	if !strings.Contains(draft, "截至2023年底共实施项目12个") {
		t.Errorf("draft:\n%s", draft)
	}
}

// TestYearSince: "2023以来" in a title is the report's year; the plan
// year after it is the next.
func TestYearSince(t *testing.T) {
	src := "某局2023以来工作总结及2024年工作计划\n一、工作开展情况\n2023以来，共受理申请86件。\n二、下步打算\n2024年，力争办结率达到98%。"
	res, tpl, _, _ := imported(t, "s.txt", []byte(src))
	if res.Report.Year != 2023 || tpl.Title.Src != "{单位}{年度}以来工作总结及{年度 + 1}年工作计划" {
		t.Errorf("year %d, title %q", res.Report.Year, tpl.Title.Src)
	}
	if got := tpl.Sections[0].Paragraphs[0].Text.Src; !strings.HasPrefix(got, "{年度}以来，") {
		t.Errorf("text %q", got)
	}
}

// TestJoinLines: a sentence or a heading broken across lines (PDF and
// web copies) is one paragraph again before anything else reads it.
func TestJoinLines(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"heading ends at 等", "（三）统筹推进安全生产、信访维稳等\n工作。全年排查隐患326处。",
			[]string{"（三）统筹推进安全生产、信访维稳等工作。全年排查隐患326处。"}},
		{"a word cut in two", "加大对中小企\n业的扶持力度。", []string{"加大对中小企业的扶持力度。"}},
		{"a line begins with a comma", "完成投资8.6亿元\n，同比增长12%。", []string{"完成投资8.6亿元，同比增长12%。"}},
		{"a line ends with 的", "落实县委关于乡村振兴的\n决策部署。", []string{"落实县委关于乡村振兴的决策部署。"}},
		{"a heading stays a heading", "一、经济发展\n全年完成投资8.6亿元。", []string{"一、经济发展", "全年完成投资8.6亿元。"}},
		{"a title stays a title", "某镇2023年工作总结\n2023年，我镇各项工作稳步推进。", []string{"某镇2023年工作总结", "2023年，我镇各项工作稳步推进。"}},
		{"a quoted word mid-sentence", "进一步改善老式小区“垃圾包”\n\n现象，完善居民小区卫生保洁制度。",
			[]string{"进一步改善老式小区“垃圾包”现象，完善居民小区卫生保洁制度。"}},
		{"a long paragraph ends in a quoted word", strings.Repeat("加强垃圾分类宣传，", 6) + "开展“美丽庭院”\n\n行动，评选示范户。",
			[]string{strings.Repeat("加强垃圾分类宣传，", 6) + "开展“美丽庭院”行动，评选示范户。"}},
		{"a quote closed after 。 ends the paragraph", "群众说：“这是实事。”\n现象，完善制度。",
			[]string{"群众说：“这是实事。”", "现象，完善制度。"}},
		{"a quoted heading stays a heading", "（一）打造“红色物业”\n同时，街道推进物业党建。",
			[]string{"（一）打造“红色物业”", "同时，街道推进物业党建。"}},
		{"a quoted heading before a sentence", "（二）实施“一村一品”\n全镇发展特色产业12个。",
			[]string{"（二）实施“一村一品”", "全镇发展特色产业12个。"}},
		{"a masked number of an address", "3、针对今年管弄路xxx\n\n弄多次投诉情况，加强控烟检查。",
			[]string{"3、针对今年管弄路xxx弄多次投诉情况，加强控烟检查。"}},
		{"a masked number before a clause", "4、做好XX\n\n社区，推进建设。",
			[]string{"4、做好XX社区，推进建设。"}},
		{"a masked heading stays a heading", "（三）打造XX\n全镇推进特色产业发展。",
			[]string{"（三）打造XX", "全镇推进特色产业发展。"}},
		{"page numbers", "全年完成投资8.6亿元。\n—1—\n新增企业5家。\n第2页 共3页", []string{"全年完成投资8.6亿元。", "新增企业5家。"}},
	} {
		paras, _, err := Paragraphs("j.txt", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(paras, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, paras, tc.want)
		}
	}
}

// TestPDFCopy: text copied out of a PDF (pdftotext of a made-up report
// rendered by nigao and LibreOffice) breaks every line at the page
// width; the paragraphs and headings come back whole.
func TestPDFCopy(t *testing.T) {
	data := readFixture(t, "pdf-copy.txt")
	paras, _, err := Paragraphs("pdf-copy.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "testdata", "import", "pdf-copy.paragraphs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paras, "\n") + "\n"; got != string(want) {
		t.Errorf("paragraphs:\n%s\nwant\n%s", got, want)
	}
	_, tpl, _, _ := imported(t, "pdf-copy.txt", data)
	h := tpl.Sections[0].Parts[2].Heading(0).Src
	if h != "统筹推进安全生产、信访维稳等工作" || !tpl.Sections[0].Parts[2].RunIn {
		t.Errorf("heading %q", h)
	}
}

// TestFieldNames: a field is named after what its figure counts or
// measures, from its own sentence; never cut inside a word, never the
// part's heading; two figures of one name are told apart by what
// differs; a name that says nothing is marked for review.
func TestFieldNames(t *testing.T) {
	for _, tc := range []struct {
		body string
		ids  []string // the fields' ids, in order
	}{
		{"已划分86个微网格，建成3个污水处理站。", []string{"划分微网格", "建成污水处理站"}},
		{"人民币存款余额达12.5亿元，全年志愿服务参与人次达3千余人次。", []string{"人民币存款余额", "志愿服务参与人次"}},
		{"新修道路5条，总长12公里。", []string{"新修道路", "新修道路总长"}},
		// a cut never falls inside a word
		{"开展入户核查，在网低保户216户，在册特困人员35人。", []string{"在网低保户", "在册特困人员"}},
		{"现场制止违规燃放9起，查处违法行为31起，种植有机蔬菜300亩。", []string{"现场制止违规燃放", "查处违法行为", "种植有机蔬菜"}},
		{"完成签约190户，及时处理火点15起。", []string{"完成签约", "处理火点"}},
		// the noun a measure word introduces
		{"为1名专职的安全监督员配发装备，对12处大棚房的问题整改到位。", []string{"安全监督员", "大棚房问题整改"}},
		{"已有5家KTV通过验收，其他12家正在整改中。", []string{"KTV", "其他正在整改"}},
		{"完成20家学校食堂、3家集体用餐配送单位春、秋季开学前自查。", []string{"完成学校食堂", "集体用餐配送单位"}},
		// one thing in two units
		{"共有低保户86户152人，发放临时救助21户10500元。", []string{"低保户", "低保户人数", "发放临时救助", "发放临时救助金额"}},
		{"组建应急救援队伍8支，共计126人。", []string{"组建应急救援队伍", "组建应急救援队伍人数"}},
		// what the money went to
		{"投入8万元用于绿化硬化，投入资金36万元完成整改。", []string{"绿化硬化投入", "投入资金"}},
		// a share
		{"注册志愿者2.4万人，占常住人口的18.5%。", []string{"注册志愿者", "占常住人口比例"}},
		// masked names are no part of a name
		{"X镇已申领X个场所码。", []string{"申领场所码"}},
		// told apart by what differs: the time, the place
		{"一季度缴纳党费5.2万元，二季度缴纳党费4.8万元。", []string{"一季度缴纳党费", "二季度缴纳党费"}},
		{"7月份发放临时救助金20户，9月份发放临时救助金35户。", []string{"发放临时救助金7月份", "发放临时救助金9月份"}},
		{"城东社区新增就业120人。城西社区新增就业95人。", []string{"城东社区新增就业", "城西社区新增就业"}},
		{"共创成2个省级卫生村、5个市级卫生村，重新确认命名1个省级卫生村、3个市级卫生村。",
			[]string{"创成省级卫生村", "创成市级卫生村", "确认命名省级卫生村", "确认命名市级卫生村"}},
	} {
		named, tpl, _ := figuresOf(t, tc.body)
		var ids []string
		for _, n := range named {
			ids = append(ids, n.ID)
			if n.Review {
				t.Errorf("%s: %s marked for review", tc.body, n.ID)
			}
		}
		if !slices.Equal(ids, tc.ids) {
			t.Errorf("%s\nids %q\nwant %q", tc.body, ids, tc.ids)
		}
		for _, f := range tpl.Fields() {
			if f.Review {
				t.Errorf("%s: review: true on %s", tc.body, f.ID)
			}
		}
	}
}

// TestNameNotTheHeading: a figure with no name of its own in its
// sentence is marked for review, not named after its part's heading.
func TestNameNotTheHeading(t *testing.T) {
	res, tpl, _, _ := imported(t, "h.txt", []byte("一、聚力攻坚抓落实\n截至目前，共计25个。帮扶困难群众5户17人。"))
	for _, n := range res.Report.Named {
		if strings.Contains(n.ID, "聚力") || strings.Contains(n.ID, "攻坚") || strings.Contains(n.Label, "抓落实") {
			t.Errorf("%s named after the heading", n.ID)
		}
	}
	if f := tpl.Field(res.Report.Named[0].ID); f == nil || !f.Review || !res.Report.Named[0].Review {
		t.Errorf("no name for 共计25个, but not marked for review:\n%s", res.Template)
	}
	if !strings.Contains(string(res.Template), "review: true") {
		t.Errorf("template:\n%s", res.Template)
	}
	for _, n := range res.Report.Named[1:] {
		if n.Review || !strings.HasPrefix(n.ID, "帮扶困难群众") {
			t.Errorf("%s (review %v)", n.ID, n.Review)
		}
	}
}

// TestSameSentenceTwice: a report that says the same sentence twice says
// one fact twice: one field, written in both places.
func TestSameSentenceTwice(t *testing.T) {
	s := "全年新建公厕12座。"
	res, tpl, _, draft := imported(t, "t.txt", []byte("一、上半年\n"+s+"\n二、全年\n"+s))
	if len(res.Report.Named) != 1 || len(tpl.Fields()) != 1 || strings.Count(draft, s) != 2 {
		t.Errorf("%d fields:\n%s\n%s", len(tpl.Fields()), res.Template, draft)
	}
}

// TestRenameKeepsLayout: an imported template is written as YAML writes
// it back, so naming a field (F2 in the wizard) changes that field's
// line and no other.
func TestRenameKeepsLayout(t *testing.T) {
	for _, name := range []string{"plain-utf8.txt", "township.md", "pdf-copy.txt"} {
		res, err := Import(name, readFixture(t, name), nil)
		if err != nil {
			t.Fatal(err)
		}
		id := res.Report.Named[0].ID
		out, err := schema.SetFieldLabel(res.Template, id, "新名称")
		if err != nil {
			t.Fatal(err)
		}
		a, b := strings.Split(string(res.Template), "\n"), strings.Split(string(out), "\n")
		changed := 0
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				changed++
			}
		}
		if len(a) != len(b) || changed != 1 {
			t.Errorf("%s: %d lines changed, %d → %d lines", name, changed, len(a), len(b))
		}
	}
}

// TestNumberedSentences: a numbered line that is a sentence (longer than
// headings are, or of figures and commas) is a paragraph with a number:
// its first clause runs in, and the draft keeps every word and mark of
// it, its final 。 too; numbered short headings stay headings.
func TestNumberedSentences(t *testing.T) {
	long := "结合《xx市公共场所控制吸烟条例》颁布实施活动周及世界无烟日等各类重大活动，开展控烟主题宣传，普及烟草危害知识，提高居民对吸烟有害健康的认知。"
	for _, tc := range []struct {
		name, line string
		heading    string // the template's heading
		runin      bool
		draft      string // in the draft
	}{
		{"a long sentence", "1、" + long, "结合《xx市公共场所控制吸烟条例》颁布实施活动周及世界无烟日等各类重大活动，", true, "1.结合《xx市公共场所控制吸烟条例》颁布实施活动周及世界无烟日等各类重大活动，开展控烟主题宣传，普及烟草危害知识，提高居民对吸烟有害健康的认知。"},
		{"a long line without its 。", "1、加大对社区健康自管工作的业务培训，虽受疫情影响，健康自管小组活动在一定程度上影响，但拓展线上教育交流，积极动员群众",
			"加大对社区健康自管工作的业务培训，", true, "1.加大对社区健康自管工作的业务培训，虽受疫情影响，健康自管小组活动在一定程度上影响，但拓展线上教育交流，积极动员群众\n"},
		{"a comma inside quotes", "（一）阳光家园方面，以“一街一特色，一园一品牌”为奋斗目标，全面提升残疾人社区康复、托养照料水平，引进扶助性就业机构。",
			"阳光家园方面，", true, "（一）阳光家园方面，以“一街一特色，一园一品牌”为奋斗目标，全面提升"},
		{"a colon", "（一）卫生创建方面：各县区、各乡镇政府重视程度不足，投入经费有限，对创建卫生县城、卫生乡镇的积极性不高。",
			"卫生创建方面：", true, "（一）卫生创建方面：各县区、各乡镇政府重视程度不足"},
		{"figures and commas", "1、全镇完成造林1200亩，新建道路3公里。", "全镇完成造林{完成造林}亩，", true, "1.全镇完成造林1200亩，新建道路3公里。"},
		{"a short heading", "1、加强组织领导，压实工作责任", "加强组织领导，压实工作责任", false, "1.加强组织领导，压实工作责任\n"},
		// with nothing under it, a numbered sentence is an item of a list: its 。 stays
		{"a short sentence with its 。", "1、加强组织领导，压实工作责任。", "加强组织领导，压实工作责任", true, "1.加强组织领导，压实工作责任。\n"},
		{"a heading of four clauses", "1、增强服务能力，提高服务质量，密切联系残疾人，全心全意为残疾人服务",
			"增强服务能力，提高服务质量，密切联系残疾人，全心全意为残疾人服务", false, "1.增强服务能力，提高服务质量，密切联系残疾人，全心全意为残疾人服务\n"},
		{"a heading with a year", "1、开展xx市2021年全国健康城市建设评价工作，迎接复审", "开展xx市2021年全国健康城市建设评价工作，迎接复审", false, "迎接复审\n"},
		{"a heading then its paragraph", "1、强化领导，细化机制。成立领导小组1个。", "强化领导，细化机制", true, "1.强化领导，细化机制。成立领导小组1个。"},
	} {
		next := "2、"
		if strings.HasPrefix(tc.line, "（一）") {
			next = "（二）"
		}
		src := "某镇2023年工作总结\n一、主要工作\n" + tc.line + "\n" + next + "做好宣传工作\n发放资料3000份。\n"
		_, tpl, draft := roundTrip(t, "n.txt", []byte(src))
		p := tpl.Sections[0].Parts[0]
		if h := p.Heading(0).Src; h != tc.heading || p.RunIn != tc.runin {
			t.Errorf("%s: heading %q runin %v, want %q %v", tc.name, h, p.RunIn, tc.heading, tc.runin)
		}
		if !strings.Contains(draft, tc.draft) {
			t.Errorf("%s: draft lacks %q:\n%s", tc.name, tc.draft, draft)
		}
		if u := tpl.Unused(); len(u) > 0 { // what nigao lint finds beyond loading
			t.Errorf("%s: unused field %s", tc.name, u[0].ID)
		}
	}
}

// TestNamesTellApart: a count's name is the thing it counts, with the bar
// it clears (4个村集体经济收入超10万元: a count of 村; the bar stays text);
// the noun after 以上 is what 3个以上 counts; a bare 万 of money is 万元;
// two figures of one name are told apart by what differs in their
// sentences — the unit, the time, the figure before, what is said after
// — never _2, and always by labels that differ; only a name guessed so
// is marked for review.
func TestNamesTellApart(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		ids        []string // the fields' ids, in order
		review     []string // those marked for review
		keep       []string // text the template keeps
		unit, typ  string   // of the last field, when set
	}{
		{name: "a count of villages over a bar", body: "已有4个村集体经济收入超10万元，2个“消薄清零”村已于9月份完成退出。",
			ids: []string{"集体经济收入达标的村", "消薄清零村"}, keep: []string{"个村集体经济收入超10万元，"}},
		{name: "a bar written 以上", body: "全镇12个企业年产值2000万元以上。",
			ids: []string{"年产值达标的企业"}, keep: []string{"个企业年产值2000万元以上"}},
		{name: "a count after 超 counts", body: "目前已入库330余家企业超1500个终端产品。", ids: []string{"入库企业", "终端产品"}},
		{name: "a verb between: two statistics", body: "组织3个工作组走访超200户。", ids: []string{"组织工作组", "工作组走访"}},
		{name: "the noun after 以上", body: "争创3个以上省、市级美丽乡村示范村。", ids: []string{"省市级美丽乡村示范村"}},
		{name: "万 of money", body: "投入200余万新增抗旱设备。", ids: []string{"新增抗旱设备投入"}, keep: []string{"万新增抗旱设备"}, unit: "万元", typ: "money"},
		{name: "told apart by the unit", body: "共计923人筹得27536.97元，位居全区第一。", ids: []string{"筹得人数", "筹得金额"}},
		{name: "told apart by the time", body: "7月份发放小额先行临时救助21户10500元，10月份发放小额先行临时救助42户21325元。",
			ids: []string{"发放小额先行临时救助7月份", "发放小额先行临时救助金额7月份", "发放小额先行临时救助10月份", "发放小额先行临时救助金额10月份"}},
		{name: "told apart by what is said after", body: "已有25家家具店按要求进行了整改，还有10家在6月下旬拒不整改。",
			ids: []string{"家具店", "家具店拒不整改"}, review: []string{"家具店拒不整改"}},
		{name: "nothing differs", body: "发展党员3名；发展党员4名。",
			ids: []string{"发展党员", "发展党员第2处"}, review: []string{"发展党员第2处"}},
	} {
		named, tpl, prose := figuresOf(t, tc.body)
		var ids, review []string
		labels := map[string]bool{}
		for _, n := range named {
			ids = append(ids, n.ID)
			if n.Review {
				review = append(review, n.ID)
			}
			if labels[n.Label] {
				t.Errorf("%s: two fields labelled %s", tc.name, n.Label)
			}
			labels[n.Label] = true
		}
		if !slices.Equal(ids, tc.ids) || !slices.Equal(review, tc.review) {
			t.Errorf("%s: ids %q review %q, want %q %q", tc.name, ids, review, tc.ids, tc.review)
		}
		for _, k := range tc.keep {
			if !strings.Contains(prose, k) {
				t.Errorf("%s: template lacks %q:\n%s", tc.name, k, prose)
			}
		}
		if fs := tpl.Fields(); tc.unit != "" && len(fs) > 0 {
			if f := fs[len(fs)-1]; f.Unit != tc.unit || string(f.Type) != tc.typ {
				t.Errorf("%s: %s is %s in %s, want %s in %s", tc.name, f.ID, f.Type, f.Unit, tc.typ, tc.unit)
			}
		}
	}
}
