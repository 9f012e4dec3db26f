package render

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// This file makes the .docx files in testdata/docx: an example letterhead
// template, a template with placeholders split across runs, and broken
// inputs. They are built from the skeleton so they stay in step with it;
// go test ./render -update rewrites them, with the package's other golden
// files.

// skeletonParts returns the built-in skeleton's parts in zip order.
func skeletonParts(t testing.TB) (names []string, parts map[string]string) {
	t.Helper()
	data := skeletonDocx
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts = map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		names = append(names, f.Name)
		parts[f.Name] = string(b)
	}
	return names, parts
}

// zipParts zips parts in the order of names; parts missing from the map are
// left out.
func zipParts(t testing.TB, names []string, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		s, ok := parts[n]
		if !ok {
			continue
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, s)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wmlTextPara is a plain paragraph holding text.
func wmlTextPara(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// testTemplate returns the skeleton with its body replaced by body (XML
// paragraphs) and, if header is not empty, a page header holding header.
func testTemplate(t testing.TB, body, header string) []byte {
	t.Helper()
	names, parts := skeletonParts(t)
	doc := parts["word/document.xml"]
	doc = strings.Replace(doc, `<w:p><w:r><w:t>{{正文}}</w:t></w:r></w:p>`, body, 1)
	if header != "" {
		names = append(names, "word/header1.xml")
		parts["word/header1.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + header + `</w:hdr>`
		parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
			`  <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`+"\n</Types>", 1)
		rels := "word/_rels/document.xml.rels"
		parts[rels] = strings.Replace(parts[rels], "</Relationships>",
			`  <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+"\n</Relationships>", 1)
		doc = strings.Replace(doc, "<w:sectPr>", `<w:sectPr>`+"\n      "+`<w:headerReference w:type="default" r:id="rId9"/>`, 1)
	}
	parts["word/document.xml"] = doc
	return zipParts(t, names, parts)
}

// The letterhead: a red unit name (发文机关标志), a red rule under it, the
// title, the body and a signature area with room for a seal.
const letterheadBody = `
    <w:p>
      <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>
      <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="方正小标宋简体" w:cs="Times New Roman" w:hint="eastAsia"/><w:color w:val="FF0000"/><w:spacing w:val="20"/><w:w w:val="90"/><w:sz w:val="84"/><w:szCs w:val="84"/></w:rPr><w:t>某某镇人民政府</w:t></w:r>
    </w:p>
    <w:p>
      <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="FF0000"/></w:pBdr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/></w:pPr>
    </w:p>
    <w:p><w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr></w:p>
    <w:p>
      <w:pPr><w:pStyle w:val="Title"/><w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>
      <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="方正小标宋简体" w:cs="Times New Roman" w:hint="eastAsia"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr><w:t>{{标题}}</w:t></w:r>
    </w:p>
    <w:p><w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr></w:p>
    <w:p><w:r><w:t>{{正文}}</w:t></w:r></w:p>
    <w:p><w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr></w:p>
    <w:p><w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr></w:p>
    <w:p>
      <w:pPr><w:ind w:left="0" w:right="1280" w:rightChars="400" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/></w:pPr>
      <w:r><w:rPr><w:spacing w:val="-5"/></w:rPr><w:t>{{单位}}</w:t></w:r>
    </w:p>
    <w:p>
      <w:pPr><w:ind w:left="0" w:right="1280" w:rightChars="400" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/></w:pPr>
      <w:r><w:rPr><w:spacing w:val="-5"/></w:rPr><w:t>{{日期}}</w:t></w:r>
    </w:p>
`

// Placeholders split the way Word splits them: across runs with different
// formatting, with spell-check marks between them.
const splitBody = `<w:p><w:r><w:t>单位：</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>单</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>位}</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}（{{年度}}年）</w:t></w:r></w:p>
    <w:p><w:r><w:t>{{正</w:t></w:r><w:r><w:t>文}}</w:t></w:r></w:p>`

const splitHeader = `<w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t>单位</w:t></w:r><w:r><w:t>}}</w:t></w:r><w:r><w:t xml:space="preserve"> {{年度}}年工作总结 {{无此</w:t></w:r><w:r><w:t>字段}}</w:t></w:r></w:p>`

// docxTestdata returns the files of testdata/docx by name.
func docxTestdata(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{
		"letterhead.docx": testTemplate(t, letterheadBody, ""),
		"split.docx":      testTemplate(t, splitBody, splitHeader),
		"not-zip.docx":    []byte("这不是 Word 文件，只是改了扩展名的文本。\n"),
		"no-body.docx":    testTemplate(t, wmlTextPara("正文写在这里"), ""),
		"two-bodies.docx": testTemplate(t, wmlTextPara("{{正文}}")+wmlTextPara("{{ 正文 }}"), ""),
	}

	names, parts := skeletonParts(t)
	doc := parts["word/document.xml"]
	delete(parts, "word/document.xml")
	out["no-document.docx"] = zipParts(t, names, parts)

	// Line 4 closes <w:t> with </w:r>.
	parts["word/document.xml"] = strings.Replace(doc, `{{正文}}</w:t></w:r>`, `{{正文}}</w:r></w:t>`, 1)
	out["malformed.docx"] = zipParts(t, names, parts)

	parts["word/document.xml"] = strings.ReplaceAll(doc, "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
	out["strict.docx"] = zipParts(t, names, parts)

	// A DOCTYPE whose entities would expand a billion times in whatever
	// opened the draft.
	parts["word/document.xml"] = strings.Replace(doc, "?>", `?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`, 1)
	out["doctype.docx"] = zipParts(t, names, parts)

	// A part named to land outside wherever the draft is unzipped.
	parts["word/document.xml"] = doc
	parts["../../evil.xml"] = "<a/>"
	out["traversal.docx"] = zipParts(t, append(names, "../../evil.xml"), parts)
	delete(parts, "../../evil.xml")

	// A zip bomb: 51 MiB of zeros that deflate to about 50 KiB.
	parts["word/document.xml"] = doc
	parts["word/media/image1.png"] = strings.Repeat("\x00", 51<<20)
	out["bomb.docx"] = zipParts(t, append(names, "word/media/image1.png"), parts)
	return out
}
