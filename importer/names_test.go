package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFieldNameReport lists every field imported from every sample with
// its name and the sentence its figure came from, for reading by eye,
// and counts what can be counted without reading: names marked for
// review, names told apart only by _2, _3, and names that begin or end
// inside a word of the word table:
//
//	go test ./importer -run TestFieldNameReport -v
func TestFieldNameReport(t *testing.T) {
	total, review, numbered, cut, same := 0, 0, 0, 0, 0
	for _, f := range sampleFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(f, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		labels := map[string]bool{}
		for _, n := range res.Report.Named {
			total++
			if labels[n.Label] {
				same++ // shown in the wizard under the name of another field
			}
			labels[n.Label] = true
			mark := ""
			if n.Review {
				mark = " [待定]"
				review++
			}
			if reNumbered.MatchString(n.ID) {
				numbered++
			}
			if cutsWord(n.Label, n.Figure, n.Sentence) {
				mark += " [切词]"
				cut++
			}
			fmt.Fprintf(&b, "%s%s | %s | %s | %s\n", n.ID, mark, n.Label, n.Figure, n.Sentence)
		}
		t.Logf("%s: %d fields\n%s", filepath.Base(f), len(res.Report.Named), b.String())
	}
	t.Logf("%d fields: %d marked for review, %d told apart only by _2/_3, %d with the label of another field, %d cut inside a word", total, review, numbered, same, cut)
	if numbered > 0 {
		t.Errorf("%d ids told apart only by _2/_3", numbered)
	}
	if cut > 0 {
		t.Errorf("%d names cut inside a word", cut)
	}
}

var reNumbered = regexp.MustCompile(`_[0-9]+$`)

// cutsWord reports a name whose first or last characters, where they
// stand in the sentence next to the figure, are cut from a word of the
// table: 网低保户 of 在网低保户, 违法行 of 违法行为. A name made of two
// parts of the sentence is checked at both ends of each.
func cutsWord(label, figure, sentence string) bool {
	rs := []rune(sentence)
	lr := []rune(label)
	fi := strings.Index(sentence, figure)
	if fi < 0 {
		return false
	}
	at := utf8.RuneCountInString(sentence[:fi])
	// the occurrence of w nearest the figure, in runes; -1 if none
	near := func(w string) int {
		best, dist := -1, len(rs)
		for i := 0; ; {
			j := strings.Index(sentence[i:], w)
			if j < 0 {
				break
			}
			k := utf8.RuneCountInString(sentence[:i+j])
			if d := max(k-at, at-k); d < dist && d <= 16 {
				best, dist = k, d
			}
			i += j + 1
		}
		return best
	}
	after := at + utf8.RuneCountInString(figure) // the figure's unit ends a word
	for n := len(lr); n >= 2; n-- {
		if k := near(string(lr[:n])); k >= 0 {
			if k != after && splitsWord(rs, k) && !afterFirmLead(rs, k) {
				return true
			}
			break
		}
	}
	for n := len(lr); n >= 2; n-- {
		if k := near(string(lr[len(lr)-n:])); k >= 0 {
			// a figure's own 达 (宣传达2次) is no part of a word
			if end := k + n; end < len(rs) && !(rs[end] == '达' && end+1 == at) && rs[end] != '的' && splitsWord(rs, end) {
				return true
			}
			break
		}
	}
	return false
}

// afterFirmLead reports a cut right after a lead word that is dropped
// whatever word it seems to begin with what follows (其中|国家级).
func afterFirmLead(rs []rune, k int) bool {
	for _, w := range firmLeads {
		if _, ok := endsAt(rs, k, w); ok {
			return true
		}
	}
	return false
}

// TestCutsWord: the check above finds what it should.
func TestCutsWord(t *testing.T) {
	for _, tc := range []struct {
		label, figure, sentence string
		want                    bool
	}{
		{"网低保户", "12户", "目前在网低保户12户。", true},
		{"在网低保户", "12户", "目前在网低保户12户。", false},
		{"处理违法行", "12起", "共处理违法行为12起。", true},
		{"处理违法行为", "12起", "共处理违法行为12起。", false},
		{"场制止燃放", "3起", "其中现场制止燃放3起。", true},
		{"人工智", "3家", "引进3家人工智能企业。", true},
		{"开展宣传", "2次", "开展宣传达2次。", false},
		{"国家级示范社", "4家", "其中国家级示范社4家。", false},
		{"家级示范社", "4家", "其中国家级示范社4家。", true},
	} {
		if got := cutsWord(tc.label, tc.figure, tc.sentence); got != tc.want {
			t.Errorf("cutsWord(%q, %q) = %v", tc.label, tc.sentence, got)
		}
	}
}

// TestNameClasses: what a field is named after, by class of sentence:
// a name is the thing counted or measured as the sentence names it,
// never a figure, a bar or a bare function word.
func TestNameClasses(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		ids        []string // the fields' ids, in order
		keep       []string // text the template keeps (bars stay text)
	}{
		{name: "a verb between the thing and its value", body: "财政收入完成6.4亿元，林地面积稳定在3.2万亩，上市企业数量增长至12家。",
			ids: []string{"财政收入", "林地面积", "上市企业数量"}},
		{name: "a target after 确保", body: "确保全年社会消费品零售总额完成9亿元。", ids: []string{"社会消费品零售总额目标"}},
		{name: "a change against last year, said alone", body: "接待游客68万人次，比上年增加12%。", ids: []string{"接待游客", "接待游客比上年增加"}},
		{name: "months are a measure", body: "库存粮食可供应月数为7.5个月。", ids: []string{"库存粮食可供应月数"}},
		// a bar (低于/超过/以上 + figure + 的) is text; the count is of the
		// things that clear or miss it, named without the figure
		{name: "a bar among things just counted", body: "全镇有9个社区，其中常住人口不足3000人的2个。",
			ids: []string{"社区", "常住人口未达标的社区"}, keep: []string{"不足3000人的"}},
		{name: "a bar after 其中, the things of the figure before", body: "新落户企业41家，其中投资额5000万元以上的6家。",
			ids: []string{"新落户企业", "投资额达标的新落户企业"}, keep: []string{"5000万元以上的"}},
		{name: "a bar the qualifier of its figure", body: "培育家庭农场30个，其中年经营收入超过50万元的8个。",
			ids: []string{"培育家庭农场", "年经营收入达标的家庭农场"}, keep: []string{"超过50万元的"}},
		{name: "a bar among a group", body: "16个村中人均收入低于1.5万元的还有4个。",
			ids: []string{"村数", "人均收入未达标的村"}, keep: []string{"低于1.5万元的"}},
		// a count of a group whose words go on to name the next figure
		{name: "a group, then a rate of it", body: "全镇9个行政村自来水入户率达到98%。",
			ids: []string{"行政村数", "行政村自来水入户率"}},
		{name: "a group, then what was done in it", body: "辖区5个社区设立调解室23个。",
			ids: []string{"社区数", "社区设立调解室"}},
		{name: "a group's own count", body: "全镇9个行政村全部通了客车。", ids: []string{"行政村"}},
		// a change alone is named after what changed
		{name: "a fall after its thing", body: "非税收入完成0.86亿元，同比下降4.7%。", ids: []string{"非税收入", "非税收入同比下降"}},
		// a verb alone after a verb and its object: done to the same thing
		{name: "a verb alone", body: "受理群众投诉64件，办结61件。", ids: []string{"受理群众投诉", "办结群众投诉"}},
		// a later verb that begins a short thing's name is part of it
		{name: "a verb inside the object", body: "各站所与镇政府签订安全生产责任书26份。", ids: []string{"签订安全生产责任书"}},
		{name: "a rate is one noun", body: "全区农村生活污水处理覆盖率为81%。", ids: []string{"农村生活污水处理覆盖率"}},
		// a target is told from the result of the same name by 目标
		{name: "a target", body: "全年新建村级公路18公里。力争明年新建村级公路25公里。",
			ids: []string{"新建村级公路", "新建村级公路目标"}},
		{name: "a target in a numbered plan", body: "林木覆盖率保持在61.5%。\n二、2024年工作计划\n（一）确保林木覆盖率保持在62%。",
			ids: []string{"林木覆盖率", "林木覆盖率目标"}},
		// everything under a plan heading is a target, whatever its
		// sentence begins with; a verb that says a value is reached
		// goes, one that says what is added stays
		{name: "a plan section", body: "全年新建农村公路12公里，完成造林800亩。\n二、2024年工作计划\n（一）基础设施\n1.新建农村公路15公里。\n2.完成造林1000亩。\n3.新增公共停车位200个。",
			ids: []string{"新建农村公路", "完成造林", "新建农村公路目标", "造林目标", "新增公共停车位目标"}},
		{name: "next steps", body: "三、下一步工作打算\n实现农产品电商销售额1.5亿元，培训高素质农民300人次。",
			ids: []string{"农产品电商销售额目标", "培训高素质农民目标"}},
		{name: "next year's ideas", body: "二、明年工作思路\n（一）民生实事\n改造农村户厕450户。",
			ids: []string{"改造农村户厕目标"}},
		{name: "a part of targets", body: "二、工作目标\n粮食播种面积稳定在5.2万亩以上。",
			ids: []string{"粮食播种面积目标"}},
		{name: "a plan's count, then its measure", body: "二、2024年工作计划\n整治河道6条，共计长度18公里。",
			ids: []string{"整治河道目标", "整治河道长度目标"}},
		// how things stand, said under a plan heading, is no target
		{name: "facts under a plan heading", body: "二、下一步工作打算\n目前全镇有危房12户，在现有8个示范村的基础上，新创建示范村5个。\n辖区存在的问题是老龄人口多，60岁以上老人占比达27%。",
			ids: []string{"危房", "示范村", "新创建示范村目标", "老人占比"}},
		{name: "how a plan went is no plan", body: "二、2023年工作计划完成情况\n新建农村公路15公里。",
			ids: []string{"新建农村公路"}},
		// the words that tell a thing made with a verb from another stay
		{name: "a long name ending in 中心", body: "新建村级综合性文化服务中心3个。", ids: []string{"村级综合性文化服务中心"}},
		{name: "people given a service", body: "今年为420名老年人提供免费体检，为36名儿童提供康复训练。",
			ids: []string{"免费体检老年人", "康复训练儿童"}},
		{name: "a change of a total", body: "农产品销售总额完成3.2亿元，同比增长8%。", ids: []string{"农产品销售总额", "农产品销售总额同比增长"}},
		// a function word alone is no name
		{name: "still has", body: "低保户占比偏高，仍有5户。", ids: []string{"低保户占比偏高"}},
		// an adverb of manner before a verb and its object says how well,
		// not what; before a verb alone it stays (成功调解)
		{name: "an adverb of manner", body: "今年成功签约文旅项目6个，全力化解信访积案9件。排查矛盾纠纷40起，成功调解37起。",
			ids: []string{"签约文旅项目", "化解信访积案", "排查矛盾纠纷", "成功调解"}},
		// a part after 其中 said by a broad noun alone carries its whole
		{name: "a part with the whole's verb", body: "新登记经营主体230户，其中企业41家。", ids: []string{"新登记经营主体", "新登记企业"}},
		{name: "a part of a whole without a verb", body: "全镇特困供养人员86人，其中老人61人。", ids: []string{"特困供养人员", "特困供养人员中的老人"}},
		// money said without whose is of the things just counted
		{name: "investment of the projects counted", body: "续建产业项目14个，完成投资2.6亿元。辖区规上企业28家，实现产值19亿元。",
			ids: []string{"续建产业项目", "续建产业项目完成投资", "规上企业", "规上企业实现产值"}},
		// a bar all the things clear (全部、均 + 达到/超过 + figure) is text;
		// a count after 其中 of those over a higher bar is named as the docs
		// name a bar, the measure from the clause before
		{name: "a bar all clear, then a part over a higher one", body: "各行政村集体经营性收入全部超过8万元，其中超30万元的村5个。",
			ids: []string{"集体经营性收入达标的村"}, keep: []string{"全部超过8万元", "超30万元的村"}},
		{name: "a count of things all over a bar", body: "全镇9个村人均纯收入均达到1.8万元以上。",
			ids: []string{"村数"}, keep: []string{"均达到1.8万元以上"}},
		// a noun made with verbs (生产经营主体) keeps what kind it is
		{name: "a kind of business", body: "抽查农资生产经营主体210家次，立案4起。", ids: []string{"抽查农资生产经营主体", "立案"}},
		// whom a thing was done for is not what the figure is
		{name: "done for someone", body: "为农民工追回工资款47万元，帮助群众挽回损失8.5万元。", ids: []string{"追回工资款", "挽回损失"}},
	} {
		named, _, prose := figuresOf(t, tc.body)
		var ids []string
		for _, n := range named {
			ids = append(ids, n.ID)
			if strings.ContainsFunc(n.Label, isDigit) {
				t.Errorf("%s: %s holds a figure", tc.name, n.Label)
			}
		}
		if !slices.Equal(ids, tc.ids) {
			t.Errorf("%s: ids %q, want %q", tc.name, ids, tc.ids)
		}
		for _, k := range tc.keep {
			if !strings.Contains(prose, k) {
				t.Errorf("%s: template lacks %q:\n%s", tc.name, k, prose)
			}
		}
	}
}
