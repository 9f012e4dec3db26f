package schema

import (
	"encoding/json"
	"sort"
	"strings"
)

// JSONSchema returns a JSON Schema (draft-07) of the template format and of
// section-library files, for yaml-language-server completion, checking and
// hover in editors. A file with a top-level library: key is a library
// file, any other a template. It is built from the same key lists the
// loader accepts, so the two cannot drift, and every key has a Chinese
// description, which is what an editor shows on hover.
func JSONSchema() []byte {
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	boolean := func(desc string) map[string]any { return map[string]any{"type": "boolean", "description": desc} }
	number := func(desc string) map[string]any { return map[string]any{"type": "number", "description": desc} }
	list := func(desc string, items any) map[string]any {
		return map[string]any{"type": "array", "items": items, "description": desc}
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }
	expr := func(desc string) map[string]any {
		return str(desc + "。expr-lang 表达式，字段 id 作变量，例如 发现隐患 > 0、整改隐患 / 发现隐患 * 100")
	}
	prose := func(desc string) map[string]any {
		return str(desc + "。可含 {字段} 或 {表达式|格式}，花括号本身写作 {{ }}")
	}
	paragraphs := func(desc string) map[string]any {
		return map[string]any{
			"description": desc + "。一段或多段文字（空行分段），或段落列表（每段可有 when、join、continues）",
			"anyOf": []any{
				prose("文字"),
				list("段落列表", map[string]any{"anyOf": []any{prose("一段文字"), ref("paragraph")}}),
			},
		}
	}
	types := make([]any, len(FieldTypes))
	for i, t := range FieldTypes {
		types[i] = string(t)
	}
	filters := make([]string, 0, len(Filters))
	for f := range Filters {
		filters = append(filters, f)
	}
	sort.Strings(filters)
	forKinds := map[string]any{
		"description": "只用于这类报告（模板的 kind），如 半年总结；别的模板里没有它。可写一个或一个列表",
		"anyOf":       []any{str("报告类型"), list("报告类型", str("报告类型"))},
	}
	fields := func(desc string) map[string]any {
		return list(desc+"。每项是一个字段（id、type、unit……）", ref("field"))
	}

	field := obj("字段：向导里要填的一项，在文字中写作 {id}", fieldKeys, map[string]any{
		"id":       str("字段 id（可用汉字、字母、数字和下划线，不以数字开头），在文字中写作 {id}；整个模板内不能重复"),
		"label":    str("向导里显示的名称，默认同 id"),
		"type":     map[string]any{"enum": types, "description": "字段类型：text 一行文字、textarea 多行文字、integer 整数、number 数字、percent 百分数、money 金额、date 日期、year 年份、choice 选项、bool 是否、list 若干条"},
		"unit":     str("单位，如 家、处、万元；向导里显示，{字段|单位} 会带上它"),
		"decimals": map[string]any{"type": "integer", "minimum": 0, "maximum": 6, "description": "保留几位小数（计算结果和 number）；百分数默认 1 位"},
		"required": boolean("必填：向导会提醒这一项还没有填"),
		"example":  map[string]any{"type": []string{"string", "number"}, "description": "示例，向导里显示在输入框中"},
		"help":     str("提示，向导里显示在字段下面"),
		"default":  map[string]any{"description": "默认值：答案文件没有填这一项时用它"},
		"choices":  list("可选项（type: choice 时必填）", str("一个选项")),
		"min":      number("下限：填的数小于它时提醒"),
		"max":      number("上限：填的数超过它时提醒"),
		"compute":  expr("计算字段：由别的字段算出，不用填"),
		"previous": boolean("在向导中这一项旁边显示上年的值"),
		"from":     str("这一个数由哪个部门（科室）报，覆盖所在部分的 from；nigao collect 据此把它放进那个部门的报送表"),
		"review":   boolean("名称待定：nigao import 没找到说清这个数是什么的名称，label 是猜的；向导的检查页列出它，F2 改名后去掉"),
		"for":      forKinds,
	}, []string{"id"})
	part := obj("部分：sections 下为“一、”，items 下依次为“（一）”“1.”“（1）”", partKeys, map[string]any{
		"id":         str("部分的 id（可用汉字）；答案文件用它记住去掉哪一节、选哪个标题。不写时自动取“上级id.序号”"),
		"use":        str("引用章节库中的章节（章节的 id），可再覆盖 id、标题、runin、optional、when、text，追加 fields 和 items"),
		"heading":    prose("标题"),
		"headings":   list("几种可选的标题写法，默认用第一种，向导里可以换", prose("一种标题写法")),
		"runin":      boolean("标题与第一段接排：（一）标题。正文……；标题末尾自动补句号"),
		"numbering":  map[string]any{"enum": []string{"（一）", "1.", "（1）"}, "description": "下级条目的编号样式；写 1. 则一、下面直接是 1. 2. 3.（跳过（一））"},
		"optional":   boolean("本部分的数字一个都没填时，整部分不写入稿子"),
		"when":       expr("条件：为真时才写入这一部分"),
		"fields":     fields("本部分要填的字段"),
		"text":       paragraphs("正文"),
		"paragraphs": paragraphs("段落"),
		"items":      list("下一级部分", ref("part")),
		"drop":       list("与 use 同用：去掉章节库章节中的这些条目（条目的 id）", str("条目的 id")),
		"from":       str("报这一部分数字的部门（科室），如 安监站；下级条目和字段跟着它，除非自己另写。nigao collect 按它给每个部门出一张报送表"),
		"for":        forKinds,
		"figures":    boolean("填的人可以在这一部分自己加带数字的句子（向导里“加一句带数字的话”）：数字的名称、类型、单位和句子存在答案文件的 figures 里，和模板字段一样检查、计算同比"),
	}, nil)
	paragraph := obj("一段文字，可带条件", paragraphKeys, map[string]any{
		"text":      prose("这一段的文字"),
		"when":      expr("条件：为真时才写这一段"),
		"join":      boolean("接在上一段后面，不另起一段（有条件的句子）"),
		"continues": boolean("承接上一段（如“此外，”“同时，”开头）：上一段不写时这一段也不写"),
		"for":       forKinds,
	}, []string{"text"})
	template := obj("nigao（拟稿）报告模板；格式说明见 docs/template-format.md", templateKeys, map[string]any{
		"id":            str("模板 id：英文、数字和连字符，如 my-halfyear；答案文件靠它找到模板"),
		"version":       map[string]any{"type": "integer", "description": "模板版本，整数，默认 1；改了结构就加 1，答案文件会记下版本"},
		"name":          str("模板的中文名称，列表和向导里显示"),
		"kind":          str("类型：半年总结、年度总结、汇报材料、部门总结……，列表里显示"),
		"description":   str("一句话说明什么时候用这个模板"),
		"imported_from": str("nigao import 生成时：原来的报告文件名；向导在每个数字下显示它在原来报告里的句子"),
		"title":         prose("稿子的标题，如 \"{单位}{年度}年上半年工作总结\""),
		"info":          fields("基本信息：单位、年度、落款日期……，向导第一页"),
		"opening":       paragraphs("开头段落"),
		"sections":      list("正文各部分（一、二、三……）", ref("part")),
		"closing":       paragraphs("结尾段落"),
		"signature": obj("落款", signatureKeys, map[string]any{
			"unit": prose("落款单位；不写时用 {单位}"),
			"date": prose("落款日期，如 \"{落款日期}\""),
		}, nil),
	}, []string{"id", "name", "title", "sections"})
	library := obj("章节库文件：常用的部分写在这里，模板用 use: 引用", libraryKeys, map[string]any{
		"library":     str("章节库的名称，如 安全生产；有这个键的文件是章节库，不是模板"),
		"description": str("一句话说明库里有哪些章节"),
		"sections":    list("库里的章节，每个都要有 id，模板用 use: id 引用", ref("part")),
	}, []string{"library", "sections"})
	out, _ := json.MarshalIndent(map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"title":       "nigao 模板或章节库",
		"description": "nigao（拟稿）的模板，或章节库文件（顶层有 library:）；格式说明见 docs/template-format.md。文字中可用的格式：" + strings.Join(filters, " "),
		"if":          map[string]any{"required": []string{"library"}},
		"then":        ref("library"),
		"else":        ref("template"),
		"definitions": map[string]any{
			"template":  template,
			"library":   library,
			"field":     field,
			"part":      part,
			"paragraph": paragraph,
		},
	}, "", "  ")
	return append(out, '\n')
}

// obj is a closed object schema: keys not listed are errors, as in the
// loader. Every key must have a description, for hover in editors.
func obj(desc string, keys []string, props map[string]any, required []string) map[string]any {
	p := map[string]any{}
	for _, k := range keys {
		v, ok := props[k].(map[string]any)
		if !ok || v["description"] == nil {
			panic("schema: no description of key " + k)
		}
		p[k] = v
	}
	o := map[string]any{"type": "object", "description": desc, "properties": p, "additionalProperties": false}
	if required != nil {
		o["required"] = required
	}
	return o
}
