package schema

import (
	"encoding/json"
	"sort"
)

// JSONSchema returns a JSON Schema (draft-07) of the template format, for
// yaml-language-server completion and checking in editors. It is built
// from the same key lists the loader accepts, so the two cannot drift.
func JSONSchema() []byte {
	str := map[string]any{"type": "string"}
	expr := map[string]any{"type": "string", "description": "expr-lang 表达式，字段 id 作变量，例如 整改隐患 / 发现隐患 * 100"}
	prose := map[string]any{"type": "string", "description": "文字，可含 {字段} 或 {表达式|格式}"}
	paragraphs := map[string]any{
		"description": "一段或多段文字（空行分段），或段落列表",
		"anyOf":       []any{prose, map[string]any{"type": "array", "items": map[string]any{"anyOf": []any{prose, map[string]any{"$ref": "#/definitions/paragraph"}}}}},
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
	field := obj(fieldKeys, map[string]any{
		"id":       map[string]any{"type": "string", "description": "字段 id（可用汉字），在文字中写作 {id}"},
		"label":    map[string]any{"type": "string", "description": "向导里显示的名称"},
		"type":     map[string]any{"enum": types, "description": "字段类型"},
		"unit":     map[string]any{"type": "string", "description": "单位，如 家、处、万元"},
		"decimals": map[string]any{"type": "integer", "minimum": 0, "maximum": 6},
		"required": map[string]any{"type": "boolean"},
		"example":  str,
		"help":     str,
		"default":  map[string]any{},
		"choices":  map[string]any{"type": "array", "items": str},
		"min":      map[string]any{"type": "number"},
		"max":      map[string]any{"type": "number"},
		"compute":  expr,
		"previous": map[string]any{"type": "boolean", "description": "在向导中显示上年的值"},
		"review":   map[string]any{"type": "boolean", "description": "名称待定：导入时没找到贴切的名称，向导的检查页列出它；改过 label 后删去"},
	}, []string{"id"})
	part := obj(partKeys, map[string]any{
		"id":         str,
		"use":        map[string]any{"type": "string", "description": "引用章节库中的章节"},
		"heading":    prose,
		"headings":   map[string]any{"type": "array", "items": prose, "description": "可选的几种标题写法，默认第一种"},
		"runin":      map[string]any{"type": "boolean", "description": "标题与第一段接排：（一）标题。正文……"},
		"numbering":  map[string]any{"enum": []string{"（一）", "1.", "（1）"}, "description": "下级条目的编号样式；写 1. 则一、下面直接是 1. 2. 3.（跳过（一））"},
		"optional":   map[string]any{"type": "boolean", "description": "一个数字都没填时整节略去"},
		"when":       expr,
		"fields":     map[string]any{"type": "array", "items": map[string]any{"$ref": "#/definitions/field"}},
		"text":       paragraphs,
		"paragraphs": paragraphs,
		"items":      map[string]any{"type": "array", "items": map[string]any{"$ref": "#/definitions/part"}},
		"drop":       map[string]any{"type": "array", "items": str, "description": "与 use 同用：去掉章节库章节中的这些条目"},
	}, nil)
	template := obj(templateKeys, map[string]any{
		"id":            map[string]any{"type": "string", "description": "模板 id，英文短名"},
		"version":       map[string]any{"type": "integer"},
		"name":          str,
		"kind":          str,
		"description":   str,
		"imported_from": map[string]any{"type": "string", "description": "由 nigao import 生成时：原来的报告文件名（向导里每个数字显示它在原文中的句子）"},
		"title":         prose,
		"info":          map[string]any{"type": "array", "items": map[string]any{"$ref": "#/definitions/field"}},
		"opening":       paragraphs,
		"sections":      map[string]any{"type": "array", "items": map[string]any{"$ref": "#/definitions/part"}},
		"closing":       paragraphs,
		"signature":     obj(signatureKeys, map[string]any{"unit": prose, "date": prose}, nil),
	}, []string{"id", "name", "title", "sections"})
	template["$schema"] = "http://json-schema.org/draft-07/schema#"
	template["title"] = "nigao 模板"
	template["description"] = "nigao（拟稿）报告模板；格式说明见 docs/template-format.md。可用格式：" + joinComma(filters)
	template["definitions"] = map[string]any{
		"field":     field,
		"part":      part,
		"paragraph": obj(paragraphKeys, map[string]any{"text": prose, "when": expr, "join": map[string]any{"type": "boolean", "description": "接在上一段后面，不另起一段（有条件的句子）"}}, []string{"text"}),
	}
	out, _ := json.MarshalIndent(template, "", "  ")
	return append(out, '\n')
}

// obj is a closed object schema: keys not listed are errors, as in the
// loader.
func obj(keys []string, props map[string]any, required []string) map[string]any {
	p := map[string]any{}
	for _, k := range keys {
		p[k] = props[k]
	}
	o := map[string]any{"type": "object", "properties": p, "additionalProperties": false}
	if required != nil {
		o["required"] = required
	}
	return o
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
