package schema

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// A compact binary encoding of yaml.Node trees, so built-in templates can
// ship pre-parsed: decoding one is a small fraction of parsing its YAML.
// Comments are not kept (nothing reads them).
//
// Layout: uvarint node count, uvarint child-pointer count, then the
// nodes in pre-order, each as
//
//	uvarint Kind, uvarint Style, tag, string Value, string Anchor,
//	uvarint Line, uvarint Column,
//	then for an alias: uvarint (1 + pre-order index of its target), or 0;
//	otherwise: uvarint len(Content) and the children.
//
// A string is a uvarint length and its bytes; a tag is an index into
// commonTags or, past them, len(commonTags)+length and the bytes.

// commonTags are the tags yaml resolves nodes to, encoded as one byte.
var commonTags = [...]string{"", "!!str", "!!map", "!!seq", "!!null", "!!int", "!!bool", "!!float", "!!timestamp", "!!binary", "!!merge"}

// maxNodeDepth bounds nesting when decoding untrusted bytes; yaml itself
// refuses documents nested deeper than 10000.
const maxNodeDepth = 10000

// EncodeNode appends the encoding of the tree at root to dst. An alias
// must point to a node of the same tree that comes before it (as an
// anchor does in YAML).
func EncodeNode(dst []byte, root *yaml.Node) ([]byte, error) {
	if root == nil {
		return nil, errors.New("yaml 节点编码：根节点为空")
	}
	e := nodeEncoder{index: map[*yaml.Node]int{}}
	e.count(root)
	dst = binary.AppendUvarint(dst, uint64(e.nodes))
	dst = binary.AppendUvarint(dst, uint64(e.ptrs))
	e.buf = dst
	if err := e.node(root, 0); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// binWriter appends the primitives both encodings use.
type binWriter struct{ buf []byte }

func (w *binWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

func (w *binWriter) str(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

type nodeEncoder struct {
	binWriter
	nodes, ptrs int
	index       map[*yaml.Node]int // pre-order index of nodes encoded so far
}

func (e *nodeEncoder) count(n *yaml.Node) {
	e.nodes++
	if n.Kind == yaml.AliasNode {
		return
	}
	e.ptrs += len(n.Content)
	for _, c := range n.Content {
		if c != nil {
			e.count(c)
		}
	}
}

func (e *nodeEncoder) node(n *yaml.Node, depth int) error {
	if depth > maxNodeDepth {
		return errors.New("yaml 节点编码：嵌套过深")
	}
	e.index[n] = len(e.index)
	e.buf = binary.AppendUvarint(e.buf, uint64(n.Kind))
	e.buf = binary.AppendUvarint(e.buf, uint64(n.Style))
	tag := -1
	for i, t := range commonTags {
		if n.Tag == t {
			tag = i
			break
		}
	}
	if tag >= 0 {
		e.buf = binary.AppendUvarint(e.buf, uint64(tag))
	} else {
		e.buf = binary.AppendUvarint(e.buf, uint64(len(commonTags)+len(n.Tag)))
		e.buf = append(e.buf, n.Tag...)
	}
	e.str(n.Value)
	e.str(n.Anchor)
	if n.Line < 0 || n.Column < 0 {
		return fmt.Errorf("yaml 节点编码：位置为负（%d:%d）", n.Line, n.Column)
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(n.Line))
	e.buf = binary.AppendUvarint(e.buf, uint64(n.Column))
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			e.buf = binary.AppendUvarint(e.buf, 0)
			return nil
		}
		i, ok := e.index[n.Alias]
		if !ok {
			return fmt.Errorf("yaml 节点编码：第 %d 行的别名 *%s 指向树中更早的节点以外", n.Line, n.Value)
		}
		e.buf = binary.AppendUvarint(e.buf, uint64(i)+1)
		return nil
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(len(n.Content)))
	for _, c := range n.Content {
		if c == nil {
			return errors.New("yaml 节点编码：子节点为空")
		}
		if err := e.node(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// errBinData is returned for bytes EncodeNode or EncodeTemplate did not
// write.
var errBinData = errors.New("预解析数据已损坏")

// DecodeNode decodes a tree written by EncodeNode. Strings in the tree
// are substrings of data; all nodes come from one allocation and all
// child lists from another. Malformed data is an error, never a panic.
func DecodeNode(data string) (*yaml.Node, error) {
	d := nodeDecoder{binReader: binReader{data: data}}
	nodes, ptrs := d.uvarint(), d.uvarint()
	// Every node takes at least 8 bytes, so a larger count is a lie that
	// must not turn into a huge allocation; every node but the root is in
	// exactly one child list.
	if d.err != nil || nodes == 0 || nodes > uint64(len(data)/8) || ptrs != nodes-1 {
		return nil, errBinData
	}
	d.nodes = make([]yaml.Node, nodes)
	d.ptrs = make([]*yaml.Node, ptrs)
	root := d.node(0)
	if d.err != nil {
		return nil, d.err
	}
	if d.next != len(d.nodes) || d.nextPtr != len(d.ptrs) || d.off != len(data) {
		return nil, errBinData
	}
	return root, nil
}

// binReader reads what binWriter writes. Reading past the end or a value
// out of range sets err and returns zero values, so a decoder checks err
// once per object rather than after every read.
type binReader struct {
	data string
	off  int
	err  error
}

type nodeDecoder struct {
	binReader
	nodes   []yaml.Node
	next    int // next free node
	ptrs    []*yaml.Node
	nextPtr int
}

func (d *binReader) uvarint() uint64 {
	if i := d.off; i < len(d.data) && d.data[i] < 0x80 { // most are one byte
		d.off = i + 1
		return uint64(d.data[i])
	}
	return d.uvarintLong()
}

//go:noinline
func (d *binReader) uvarintLong() uint64 {
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64 && d.off < len(d.data); i++ {
		b := d.data[d.off]
		d.off++
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break
			}
			return v | uint64(b)<<shift
		}
		v |= uint64(b&0x7f) << shift
		shift += 7
	}
	d.err = errBinData
	return 0
}

// int reads a uvarint that must fit in an int32 (kinds, styles, positions).
func (d *binReader) int() int {
	v := d.uvarint()
	if v > math.MaxInt32 {
		d.err = errBinData
		return 0
	}
	return int(v)
}

func (d *binReader) bytes(n uint64) string {
	if n > uint64(len(d.data)-d.off) {
		d.err = errBinData
		return ""
	}
	s := d.data[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *nodeDecoder) node(depth int) *yaml.Node {
	if d.err != nil {
		return nil
	}
	if depth > maxNodeDepth || d.next >= len(d.nodes) {
		d.err = errBinData
		return nil
	}
	n := &d.nodes[d.next]
	self := d.next
	d.next++
	n.Kind = yaml.Kind(d.int())
	n.Style = yaml.Style(d.int())
	if t := d.uvarint(); t < uint64(len(commonTags)) {
		n.Tag = commonTags[t]
	} else {
		n.Tag = d.bytes(t - uint64(len(commonTags)))
	}
	n.Value = d.bytes(d.uvarint())
	n.Anchor = d.bytes(d.uvarint())
	n.Line = d.int()
	n.Column = d.int()
	if n.Kind == yaml.AliasNode {
		if t := d.uvarint(); t > 0 {
			if t-1 >= uint64(self) {
				d.err = errBinData
				return nil
			}
			n.Alias = &d.nodes[t-1]
		}
		return n
	}
	c := d.uvarint()
	if d.err != nil {
		return nil
	}
	if c > uint64(len(d.ptrs)-d.nextPtr) {
		d.err = errBinData
		return nil
	}
	if c > 0 {
		content := d.ptrs[d.nextPtr : d.nextPtr+int(c) : d.nextPtr+int(c)]
		d.nextPtr += int(c)
		for i := range content {
			if content[i] = d.node(depth + 1); d.err != nil {
				return nil
			}
		}
		n.Content = content
	}
	return n
}
