package templates

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/schema"
)

// SchemaFile is the JSON Schema of the template format that `nigao
// template copy` writes beside the templates it copies, so that an editor
// checks and completes them offline, in the clerk's own folder.
const SchemaFile = "nigao.schema.json"

// modeline is how a template names its schema for yaml-language-server.
const modeline = "# yaml-language-server: $schema="

// CopySource is built-in template id as `nigao template copy` writes it:
// its schema line points at SchemaFile in the same folder instead of at
// the copy in nigao's repository.
func CopySource(id string) ([]byte, bool) {
	src, ok := BuiltinSource(id)
	if !ok {
		return nil, false
	}
	line, rest, _ := bytes.Cut(src, []byte("\n"))
	own := []byte(modeline + "./" + SchemaFile)
	if !bytes.HasPrefix(line, []byte(modeline)) {
		return append(append(own, '\n'), src...), true
	}
	return append(append(own, '\n'), rest...), true
}

// WriteSchema writes SchemaFile into dir when it is not there or is not
// this nigao's; written reports whether it did.
func WriteSchema(dir string) (path string, written bool, err error) {
	path = filepath.Join(dir, SchemaFile)
	want := schema.JSONSchema()
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, want) {
		return path, false, nil
	}
	if err := atomicfile.WriteFile(path, want, 0o644); err != nil {
		return path, false, fileerr.Explain(fileerr.Write, "编辑器用的格式说明", path, err)
	}
	return path, true, nil
}
