package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

// The rules that keep a draft reading as one piece when parts drop out,
// each on a small template in testdata/render/cohesion.

func cohesionTemplate(t *testing.T, name string) *schema.Template {
	t.Helper()
	p := filepath.Join(testdataDir, "cohesion", name+".yaml")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := schema.Load(p, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// answers builds answers from id=value pairs; "omit:id" leaves a part out.
func answers(tpl *schema.Template, kv ...string) *schema.Answers {
	a := schema.NewAnswers(tpl)
	for _, s := range kv {
		k, v, _ := strings.Cut(s, "=")
		switch {
		case strings.HasPrefix(k, "omit:"):
			a.SetOmitted(strings.TrimPrefix(k, "omit:"), true)
		case strings.Contains(v, "、"):
			a.Set(k, schema.Raw{IsList: true, List: strings.Split(v, "、")})
		default:
			a.Set(k, schema.Raw{Text: v})
		}
	}
	return a
}

// markdown is the draft's Markdown without its title.
func markdown(t *testing.T, tpl *schema.Template, a *schema.Answers) string {
	t.Helper()
	var b bytes.Buffer
	doc := Build(tpl.Evaluate(a))
	doc.Title = ""
	if err := WriteMarkdown(&b, doc); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

func checkDrafts(t *testing.T, tpl *schema.Template, cases []struct {
	answers []string
	want    string
}) {
	t.Helper()
	for _, c := range cases {
		got := markdown(t, tpl, answers(tpl, c.answers...))
		if got != c.want {
			t.Errorf("answers %v:\n--- got\n%s\n--- want\n%s", c.answers, got, c.want)
		}
	}
}

// A level left with one heading is not numbered; the others number
// without gaps.
func TestListOfOne(t *testing.T) {
	checkDrafts(t, cohesionTemplate(t, "lone"), []struct {
		answers []string
		want    string
	}{
		{[]string{"a=1", "b=2", "c=3"}, "## 一、甲部分\n\n### （一）第一项\n\n甲一完成1个。\n\n### （二）第二项\n\n甲二完成2个。\n\n**（三）第三项。**甲三完成3个。\n\n## 二、乙部分\n\n乙部分的文字。"},
		{[]string{"a=1", "c=3"}, "## 一、甲部分\n\n### （一）第一项\n\n甲一完成1个。\n\n**（二）第三项。**甲三完成3个。\n\n## 二、乙部分\n\n乙部分的文字。"},
		{[]string{"b=2"}, "## 一、甲部分\n\n### 第二项\n\n甲二完成2个。\n\n## 二、乙部分\n\n乙部分的文字。"},
		{[]string{"c=3", "omit:乙"}, "## 甲部分\n\n**第三项。**甲三完成3个。"},
	})
}

// A connector is written only with what it connects; a paragraph that
// continues the one before goes when that one goes.
func TestConnectors(t *testing.T) {
	checkDrafts(t, cohesionTemplate(t, "connector"), []struct {
		answers []string
		want    string
	}{
		{[]string{"完成=5", "做法=建台账、抓整改", "检查=12", "其中企业=8", "宣传=3"},
			"**一、甲部分。**全年完成5项。此外，一是建台账；二是抓整改。\n\n## 二、乙部分\n\n开展检查12家。\n\n其中企业8家，均已整改到位。\n\n同时，还开展宣传3场。"},
		// 完成 不适用: its sentence goes, and 此外 has nothing to add to
		{[]string{"完成=不适用", "做法=建台账、抓整改", "其中企业=8", "宣传=3"},
			"**一、甲部分。**一是建台账；二是抓整改。\n\n## 二、乙部分\n\n开展宣传3场。"},
		{[]string{"完成=不适用", "做法=建台账", "检查=12", "其中企业=不适用", "宣传=3"},
			"**一、甲部分。**建台账。\n\n## 二、乙部分\n\n开展检查12家。\n\n同时，还开展宣传3场。"},
	})
}

// A heading whose text and items were all dropped goes with them; a
// heading that is all there is stays.
func TestEmptyHeadingGoes(t *testing.T) {
	checkDrafts(t, cohesionTemplate(t, "empty"), []struct {
		answers []string
		want    string
	}{
		{[]string{"养老床位=30", "社工=4", "低保=511"},
			"## 保障民生\n\n### （一）完善养老服务，做实社工服务\n\n新增养老床位30张。\n\n配备社工4名。\n\n### （二）兜牢低保底线\n\n在册低保511户。\n\n### （三）继续推进民生实事"},
		// 社工 不适用 and no 养老床位: nothing is left under the heading
		{[]string{"社工=不适用", "低保=511"},
			"## 保障民生\n\n### （一）兜牢低保底线\n\n在册低保511户。\n\n### （二）继续推进民生实事"},
		{[]string{"养老床位=30", "社工=4", "omit:民生.低保", "omit:民生.打算"},
			"## 保障民生\n\n### 完善养老服务，做实社工服务\n\n新增养老床位30张。\n\n配备社工4名。"},
	})
	// every item gone: the section's heading goes too
	tpl := cohesionTemplate(t, "empty")
	if got := markdown(t, tpl, answers(tpl, "社工=不适用", "omit:民生.低保", "omit:民生.打算")); got != "" {
		t.Errorf("a section with nothing left is written:\n%s", got)
	}
}

// A computed value of a part not in the draft is not missing; of one in
// it, the figures it waits for are.
func TestComputedOutsideDraftNotMissing(t *testing.T) {
	tpl := cohesionTemplate(t, "computed")
	missing := func(a *schema.Answers) string {
		var ids []string
		vs := tpl.Evaluate(a)
		doc := Build(vs)
		for _, m := range doc.Missing {
			ids = append(ids, m.Field+"@"+strings.Join(Path(vs, doc, tpl.Part(m.Part)), "›"))
		}
		return strings.Join(ids, " ")
	}
	if got := missing(answers(tpl, "检查=5")); got != "" {
		t.Errorf("optional part not in the draft, missing: %s", got)
	}
	if got, want := missing(answers(tpl, "检查=5", "发现=10")), "整改@安全生产›（一）隐患整改"; got != want {
		t.Errorf("missing %s, want %s", got, want)
	}
	// a missing figure in a sentence dropped for 不适用 is not missing
	tpl2 := cohesionTemplate(t, "unwritten")
	for _, m := range Build(tpl2.Evaluate(answers(tpl2, "谈话=不适用", "检查=3"))).Missing {
		if m.Field == "廉政教育" {
			t.Errorf("廉政教育 is listed missing, but its sentence is not written")
		}
	}
}

// Figures filled in that the draft does not show are listed with why,
// and what decides it.
func TestUnwrittenFigures(t *testing.T) {
	tpl := cohesionTemplate(t, "unwritten")
	list := func(a *schema.Answers) string {
		var out []string
		for _, u := range UnwrittenFigures(tpl.Evaluate(a)) {
			out = append(out, u.Field+"|"+u.Reason+"|"+u.Decider+u.DeciderPart+"|"+strings.Join(u.Path, "›"))
		}
		return strings.Join(out, "\n")
	}
	// 单位类型 goes with 安全 too, but is basic information: not listed
	got := list(answers(tpl, "党纪处分=6", "廉政教育=3", "谈话=不适用", "检查=7", "单位类型=乡", "omit:安全"))
	want := strings.Join([]string{
		"廉政教育|这一句用到的“谈话”填了不适用|谈话|党风廉政",
		"党纪处分|条件“立案审查已填”不成立|纪检立案|党风廉政",
		"检查|“安全生产”不写入稿子：选了不写入|安全|安全生产",
	}, "\n")
	if got != want {
		t.Errorf("unwritten:\n%s\nwant\n%s", got, want)
	}
	if got := list(answers(tpl, "党纪处分=6", "纪检立案=2", "廉政教育=3", "谈话=1", "检查=7")); got != "" {
		t.Errorf("everything is written, yet:\n%s", got)
	}
	// a paragraph that continues one left out goes for the same reason
	tpl = cohesionTemplate(t, "connector")
	if got, want := list(answers(tpl, "其中企业=8", "宣传=3")), "其中企业|条件“检查已填”不成立|检查|二、乙部分"; got != want {
		t.Errorf("unwritten:\n%s\nwant\n%s", got, want)
	}
}

func TestCondText(t *testing.T) {
	tpl := cohesionTemplate(t, "unwritten")
	for src, want := range map[string]string{
		"纪检立案 != nil":             "立案审查已填",
		"纪检立案 > 0":                "立案审查 > 0",
		"纪检立案 == nil or 党纪处分 > 2": "立案审查没填或给予党纪政务处分 > 2",
		"len(廉政教育) > 0":           "廉政教育已填",
	} {
		if got := CondText(tpl, &schema.Expr{Src: src}); got != want {
			t.Errorf("%s: %s, want %s", src, got, want)
		}
	}
}

// The figures of one part left out are listed together; others alone.
func TestGroupUnwritten(t *testing.T) {
	us := []Unwritten{{Field: "a"}, {Field: "b", Out: "甲"}, {Field: "c", Out: "甲"}, {Field: "d", Out: "乙"}, {Field: "e"}, {Field: "f"}}
	var got []string
	for _, g := range GroupUnwritten(us) {
		s := ""
		for _, u := range g {
			s += u.Field
		}
		got = append(got, s)
	}
	if strings.Join(got, " ") != "a bc d e f" {
		t.Errorf("groups %v", got)
	}
}

// A text that announces the items below it (重点抓好以下几个方面的工作)
// does not announce them when none was written: the announcing clause
// goes, and a paragraph that was only that goes with it.
func TestPromiseGoesWithItsItems(t *testing.T) {
	checkDrafts(t, cohesionTemplate(t, "promise"), []struct {
		answers []string
		want    string
	}{
		{[]string{"思路=稳中求进", "甲=2", "乙=3", "丙=4"},
			"## 一、明年工作思路\n\n明年，我们将稳中求进，重点抓好以下几个方面的工作。\n\n**抓好甲项工作。**完成甲项2个。\n\n**二、主要做法。**今年重点做了三件事。主要做法如下：\n\n### 抓好乙项工作\n\n完成乙项3个。\n\n## 三、下步打算\n\n下一步重点抓好以下工作：\n\n### 抓好丙项工作\n\n完成丙项4个。"},
		{[]string{"思路=稳中求进"},
			"## 一、明年工作思路\n\n明年，我们将稳中求进。\n\n**二、主要做法。**今年重点做了三件事。"},
		// the figure of the announcing sentence missing: the sentence still ends cleanly
		{[]string{"丙=4"},
			"## 一、明年工作思路\n\n明年，我们将【待填:思路】。\n\n**二、主要做法。**今年重点做了三件事。\n\n## 三、下步打算\n\n下一步重点抓好以下工作：\n\n### 抓好丙项工作\n\n完成丙项4个。"},
	})
}
