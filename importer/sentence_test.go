package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

// TestScanSentence: a sentence typed the way a report says it gives its
// figures, each named, typed and with its unit, and the text with {id}.
func TestScanSentence(t *testing.T) {
	for _, tc := range []struct {
		in, text string
		figs     []string // id type unit value
	}{
		{"完成统计执法检查25家，发现问题12个", "完成统计执法检查{完成统计执法检查}家，发现问题{发现问题}个。",
			[]string{"完成统计执法检查 integer 家 25", "发现问题 integer 个 12"}},
		{"联网直报率达到98.6%，审核查询企业近300家次，", "联网直报率达到{联网直报率}，审核查询企业{审核查询企业}家次。",
			[]string{"联网直报率 percent  98.6%", "审核查询企业 integer 家次 近300"}},
		{"争取普查经费126.5万元", "争取普查经费{争取普查经费}万元。", []string{"争取普查经费 money 万元 126.5"}},
		{"完成{重点}任务3项！", "完成{{重点}}任务{完成重点任务}项！", []string{"完成重点任务 integer 项 3"}},
		// as the import names them: what kind of business stays, whom it
		// was done for goes
		{"抽检药品经营主体86家次，为患者挽回损失3.2万元", "抽检药品经营主体{抽检药品经营主体}家次，为患者挽回损失{挽回损失}万元。",
			[]string{"抽检药品经营主体 integer 家次 86", "挽回损失 money 万元 3.2"}},
		{"没有数字的一句话", "没有数字的一句话。", nil},
	} {
		s := ScanSentence(tc.in, map[string]bool{"单位": true})
		var got []string
		for _, f := range s.Figures {
			got = append(got, strings.Join([]string{f.ID, string(f.Type), f.Unit, f.Value}, " "))
		}
		if s.Text() != tc.text || strings.Join(got, "|") != strings.Join(tc.figs, "|") {
			t.Errorf("%s:\n got %s %q\nwant %s %q", tc.in, s.Text(), got, tc.text, tc.figs)
		}
	}
	// a name in use is not proposed again
	s := ScanSentence("发现问题12个", map[string]bool{"发现问题": true})
	if len(s.Figures) != 1 || s.Figures[0].ID == "发现问题" {
		t.Errorf("taken id proposed: %+v", s.Figures)
	}
}

// FuzzScanSentence: any sentence is cut without panicking, into figures
// with ids free and distinct, and text that nigao takes as a clerk's
// sentence with exactly those figures.
func FuzzScanSentence(f *testing.F) {
	for _, s := range []string{"完成统计执法检查25家，发现问题12个", "{x}}{{", "近300余名、1.2万元、95%、3-5个、X家", "截至2023年11月30日，累计2,345人次"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		taken := map[string]bool{"检查": true}
		s := ScanSentence(in, taken)
		if len(s.Pieces) != len(s.Slots)+1 {
			t.Fatalf("%d pieces for %d slots", len(s.Pieces), len(s.Slots))
		}
		fs := schema.FigureSentence{Text: s.Text()}
		seen := map[string]bool{}
		for _, g := range s.Figures {
			if taken[g.ID] || seen[g.ID] || !schema.IsIdent(g.ID) {
				t.Fatalf("id %q taken, repeated or no identifier", g.ID)
			}
			seen[g.ID] = true
			fs.Fields = append(fs.Fields, schema.FigureField{ID: g.ID, Type: g.Type, Unit: g.Unit})
			// what is proposed is accepted: the wizard checks each value against its type
			if _, err := schema.ParseValue(&schema.Field{ID: g.ID, Type: g.Type, Unit: g.Unit}, schema.Raw{Text: g.Value}); err != nil {
				t.Fatalf("%q: figure %s = %q (%s, %s) does not fit its own type: %v", in, g.ID, g.Value, g.Type, g.Unit, err)
			}
		}
		if len(s.Figures) == 0 || strings.TrimSpace(fs.Text) == "" || len([]rune(fs.Text)) > 500 {
			return
		}
		if msg := schema.CheckSentence(fs, func(string) bool { return false }); msg != "" && !strings.Contains(msg, "过长") && !strings.Contains(msg, "单位") {
			t.Fatalf("%q → %q: %s", in, fs.Text, msg)
		}
	})
}

// TestScanSentenceSamples: every sentence of the sample reports, typed
// into the wizard, gives figures whose values fit the type and unit
// proposed for them (the wizard refuses a value that does not fit).
func TestScanSentenceSamples(t *testing.T) {
	n := 0
	for _, file := range sampleFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			for _, sentence := range strings.FieldsFunc(line, func(r rune) bool { return r == '。' || r == '；' }) {
				for _, g := range ScanSentence(sentence, nil).Figures {
					n++
					if _, err := schema.ParseValue(&schema.Field{ID: g.ID, Type: g.Type, Unit: g.Unit}, schema.Raw{Text: g.Value}); err != nil {
						t.Errorf("%s: %s = %q (%s, %s): %v", filepath.Base(file), g.ID, g.Value, g.Type, g.Unit, err)
					}
				}
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d figures found in the samples", n)
	}
}
