package schema

import (
	"bytes"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// SetFieldLabel returns the template src with field id's label set to
// label and its review mark taken off (a name the clerk chose is no longer
// a guess). The file is edited as a YAML document, so its comments, the
// order of its keys and the style of its blocks stay as they were; the
// caller checks the result loads before writing it.
func SetFieldLabel(src []byte, id, label string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("读取模板：%w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("模板是空的")
	}
	f := findField(doc.Content[0], id)
	if f == nil {
		return nil, fmt.Errorf("模板里没有字段“%s”（它可能来自章节库，请在章节库里改）", id)
	}
	if label == id {
		deleteKey(f, "label") // the label defaults to the id
	} else {
		v := str(label)
		if f.Style&yaml.FlowStyle != 0 {
			v.Style = 0 // plain where it can be, quoted where it must
		}
		setKey(f, "label", v, 1)
	}
	deleteKey(f, "review")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("写模板：%w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("写模板：%w", err)
	}
	return buf.Bytes(), nil
}

// findField finds the mapping of the field with id id under the
// template's info and the fields of its parts, at any depth.
func findField(root *yaml.Node, id string) *yaml.Node {
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		switch k {
		case "info", "fields":
			if v.Kind != yaml.SequenceNode {
				continue
			}
			for _, f := range v.Content {
				if f.Kind == yaml.MappingNode {
					if idn := getKey(f, "id"); idn != nil && idn.Value == id {
						return f
					}
				}
			}
		case "sections", "items":
			if v.Kind != yaml.SequenceNode {
				continue
			}
			for _, p := range v.Content {
				if f := findField(p, id); f != nil {
					return f
				}
			}
		}
	}
	return nil
}
