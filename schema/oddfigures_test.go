package schema

import (
	"strings"
	"testing"
)

// hintsTemplate has a figure of each kind the hints look at.
const hintsTemplate = `id: t
name: 测试
title: "{年度}年总结"
info:
  - {id: 年度, type: year}
  - {id: 落款日期, type: date}
sections:
  - heading: 一
    fields:
      - {id: 已整改, type: integer, unit: 处}
      - {id: 净增企业, type: integer, unit: 家}
      - {id: 接种率, type: percent}
      - {id: 完成率, type: percent}
      - {id: 温差, type: number, min: -50}
      - {id: 隐患, type: integer, unit: 处}
      - {id: 重大隐患, label: 其中重大隐患, type: integer, unit: 处}
      - {id: 会议日期, type: date}
      - {id: 个体户, type: integer, unit: 户}
    text: 个体户{个体户|增减}，整改{已整改}处，净增{净增企业}家，接种率{接种率}，完成{完成率}，温差{温差}，隐患{隐患}处，其中重大隐患{重大隐患}处，{会议日期|日期}开会。
`

// TestFigureAndDateHints: figures no report states (a negative count, a
// share over 100%, a 23-digit number) and dates copied forward or
// signing the wrong year are questioned at their answers; a change that
// may be negative, a completion over 100% and a bound the template sets
// are not.
func TestFigureAndDateHints(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(hintsTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkHints(t, tpl, "  年度: 2024\n  落款日期: 2025-01-08\n  会议日期: 2024-03-01\n", []rateCase{
		{"plain", "  年度: 2025\n  落款日期: 2026-01-10\n  已整改: 5\n  净增企业: -3\n  接种率: 98\n  完成率: 120\n  温差: -5\n  个体户: -3\n", nil},
		{"odd figures", "  已整改: -5\n  接种率: 150%\n  隐患: 12345678901234567890123\n", []string{
			"a.yaml:2:8: “已整改”填的 -5 是负数",
			"a.yaml:3:8: “接种率”填的 150% 超过了 100%",
			"a.yaml:4:7: “隐患”填的 12345678901234567890123 有 23 位数",
		}},
		{"part over its whole", "  隐患: 3\n  重大隐患: 221\n", []string{"a.yaml:3:9: “其中重大隐患”（221处）多于“隐患”（3处）"}},
		{"part within its whole", "  隐患: 221\n  重大隐患: 3\n", nil},
		{"signed before its year", "  年度: 2026\n  落款日期: 2025-12-28\n", []string{"a.yaml:3:9: 落款日期 2025年12月28日 与报告的年度 2026 年对不上"}},
		{"copied forward", "  年度: 2024\n  落款日期: 2025-01-08\n  会议日期: 2024-03-01\n", []string{
			"a.yaml:2:7: “年度”填的 2024 与上年答案相同",
			"a.yaml:3:9: “落款日期”填的 2025-01-08 与上年答案相同",
			"a.yaml:4:9: “会议日期”填的 2024-03-01 与上年答案相同",
		}},
	}, (*Values).Hints)

	half, err := Load("h.yaml", []byte(strings.Replace(hintsTemplate, "id: t\n", "id: h\nkind: 半年总结\n", 1)), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkHints(t, half, "", []rateCase{
		{"half year, in June", "  年度: 2025\n  落款日期: 2025-06-28\n", nil},
		{"half year, in March", "  年度: 2025\n  落款日期: 2025-03-01\n", []string{"a.yaml:3:9: 落款日期 2025年3月1日 不在 2025 年年中"}},
		{"half year, next year", "  年度: 2025\n  落款日期: 2026-01-10\n", []string{"不在 2025 年年中"}},
	}, (*Values).Hints)
}

// UnitWords puts a label's words for any township (村（社区）, 镇村两级)
// in this unit's, as the draft's prose does; a template without those
// info fields keeps its labels.
func TestUnitWords(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: t
title: t
info:
  - {id: 单位类型, type: choice, choices: [乡, 镇, 街道]}
  - {id: 村社, type: text, compute: '单位类型 == "街道" ? "社区" : 单位类型 == "乡" ? "村" : "村（社区）"'}
  - {id: 两级, type: text, compute: '单位类型 == "街道" ? "街道社区两级" : 单位类型 + "村两级"'}
sections:
  - {id: s, heading: 一, text: '{村社}{两级}'}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	label := "储备村（社区）后备干部，健全镇村两级网络"
	for typ, want := range map[string]string{
		"乡":  "储备村后备干部，健全乡村两级网络",
		"街道": "储备社区后备干部，健全街道社区两级网络",
		"镇":  "储备村（社区）后备干部，健全镇村两级网络",
		"":   label,
	} {
		if got := tpl.Evaluate(loadValues(t, "  单位类型: "+typ+"\n")).UnitWords(label); got != want {
			t.Errorf("%q: %s, want %s", typ, got, want)
		}
	}
}
