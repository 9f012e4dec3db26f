package tui

import (
	"strings"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// The outline is the report's own structure: 基本信息, then the
// template's parts as a tree — 一、 with its （一） under it, and deeper
// where the template goes deeper. The form shows one node at a time (its
// fields and those of everything under it); the list left of the form
// draws the tree, and the find and review pages name a field by its
// path in it (一、年度总结 › （三）安全生产).

// A node is 基本信息 (no part) or a part with a heading of its own; a
// part without one belongs to the node above it, as its text continues
// its parent's in the draft. Top-level parts are always nodes.
type node struct {
	part   *schema.Part
	parent *node
	kids   []*node
	depth  int  // 0 for 基本信息 and the top-level parts
	fills  bool // its part has fields to fill of its own (not in the nodes under it)
}

// outline is the tree of a template's nodes, fixed for the session.
type outline struct {
	nodes  []*node          // every node in template order, 基本信息 first
	byPart map[string]*node // a part's node, for parts that are nodes
}

func newOutline(t *schema.Template) *outline {
	o := &outline{byPart: map[string]*node{}}
	o.nodes = append(o.nodes, &node{})
	var add func(parent *node, ps []*schema.Part, depth int) []*node
	add = func(parent *node, ps []*schema.Part, depth int) []*node {
		var kids []*node
		for _, p := range ps {
			if depth > 0 && len(p.Headings) == 0 {
				// its headed parts hang from the node above
				kids = append(kids, add(parent, p.Parts, depth)...)
				continue
			}
			n := &node{part: p, parent: parent, depth: depth}
			o.nodes = append(o.nodes, n)
			o.byPart[p.ID] = n
			n.kids = add(n, p.Parts, depth+1)
			n.fills = ownFields(o, p)
			kids = append(kids, n)
		}
		return kids
	}
	add(nil, t.Sections, 0)
	return o
}

// ownFields reports whether part p, or a part under it that is no node,
// has a field to fill.
func ownFields(o *outline, p *schema.Part) bool {
	for _, f := range p.Fields {
		if !f.Computed() {
			return true
		}
	}
	for _, q := range p.Parts {
		if o.byPart[q.ID] == nil && ownFields(o, q) {
			return true
		}
	}
	return false
}

// of is the node that holds part p: its own, or the nearest above it.
func (o *outline) of(p *schema.Part) *node {
	for ; p != nil; p = p.Parent {
		if n := o.byPart[p.ID]; n != nil {
			return n
		}
	}
	return o.nodes[0]
}

// idName is a part's id when it reads as a short name (党建, 安全生产;
// of 党建.组织建设 the last word), else "".
func idName(p *schema.Part) string {
	id := p.ID
	if i := strings.LastIndexByte(id, '.'); i >= 0 {
		id = id[i+1:]
	}
	if id != "" && strWidth(id) <= 12 && schema.IsIdent(id) && !isASCII(id) {
		return id
	}
	return ""
}

// heading is part p's heading as the draft will write it; a heading
// that is nothing but a title still to fill (××) reads by the part's
// name instead: 部门业务二（标题待填）.
func heading(s *session, p *schema.Part) string { return render.HeadingName(s.vs, p) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// name is how the outline lists a node: its number in the draft (none
// while it is not in the draft, or when it is the only one of its level
// there: the outline numbers as the Word file will) and a short name —
// the part's id where that reads as one, else its heading as the draft
// would write it (2022年工作总结, not {年度}年工作总结).
func (n *node) name(s *session) string {
	if n.part == nil {
		return "基本信息"
	}
	num := s.nums[n.part.ID]
	if h := n.part.Heading(0); len(h.Segs) == 1 && h.Segs[0].Slot != nil && h.Segs[0].Slot.Field != nil {
		// a heading the clerk writes whole (部门业务一's {业务一标题}): what they wrote
		if v := s.vs.Value(h.Segs[0].Slot.Field.ID); v.State == schema.Set && v.Text != "" {
			return num + v.Text
		}
	}
	if id := idName(n.part); id != "" {
		return num + id
	}
	if h := render.HeadingText(s.vs, n.part); h != "" {
		return num + h
	}
	return num + n.part.ID
}

// path names a node by the nodes down to it: 一、年度总结 › （三）安全生产.
func (n *node) path(s *session) string {
	var names []string
	for ; n != nil; n = n.parent {
		names = append([]string{n.name(s)}, names...)
	}
	return strings.Join(names, " › ")
}

// holds reports whether part p is n's part or under it.
func (n *node) holds(p *schema.Part) bool {
	if n.part == nil {
		return p == nil
	}
	for ; p != nil; p = p.Parent {
		if p == n.part {
			return true
		}
	}
	return false
}

// leftOut says why n's part is not in the draft ("" when it is): its
// own reason, else that of the outermost part above it left out (by).
func (n *node) leftOut(vs *schema.Values) (why string, by *schema.Part) {
	if n.part == nil {
		return "", nil
	}
	if w := render.LeftOut(vs, n.part); w != "" {
		return w, n.part
	}
	for p := n.part.Parent; p != nil; p = p.Parent {
		if w := render.LeftOut(vs, p); w != "" {
			why, by = w, p
		}
	}
	return why, by
}

// outNote says in a line why n is not in the draft, "" when it is;
// subject names n (这一部分, 光标所在的“2.党员队伍”).
func (n *node) outNote(vs *schema.Values, subject string) string {
	why, by := n.leftOut(vs)
	switch {
	case why == "":
		return ""
	case by != n.part:
		return "（“" + render.HeadingText(vs, by) + "”不写入稿子（" + why + "），" + subject + "随它不写）"
	case why == render.NothingFilled:
		return "（" + subject + "的数字还没有填，暂不写入稿子；填了就写入）"
	}
	return "（" + subject + "不写入稿子：" + why + "）"
}

// inDraft reports whether part p and every part above it are in the
// draft; in keeps what was found, as parents are asked again and again.
func inDraft(vs *schema.Values, p *schema.Part, in map[*schema.Part]bool) bool {
	for ; p != nil; p = p.Parent {
		ok, known := in[p]
		if !known {
			ok = render.Included(vs, p)
			in[p] = ok
		}
		if !ok {
			return false
		}
	}
	return true
}

// folds is which nodes show their kids: the top-level ones to begin
// with, so the list shows every 一、 and the （一） under it.
type folds map[*node]bool

func defaultFolds(o *outline) folds {
	f := folds{}
	for _, n := range o.nodes {
		if n.depth == 0 && len(n.kids) > 0 {
			f[n] = true
		}
	}
	return f
}

// visible lists the nodes the list shows, in order: every node whose
// ancestors all show their kids.
func (f folds) visible(o *outline) []*node {
	out := make([]*node, 0, len(o.nodes))
	for _, n := range o.nodes {
		if f.shown(n) {
			out = append(out, n)
		}
	}
	return out
}

func (f folds) shown(n *node) bool {
	for p := n.parent; p != nil; p = p.parent {
		if !f[p] {
			return false
		}
	}
	return true
}

// leaf reports whether n is at the deepest level shown: no kids, or
// kids folded away.
func (f folds) leaf(n *node) bool { return len(n.kids) == 0 || !f[n] }

// showing is the node the list shows for n: n, or the folded node it is
// under.
func (f folds) showing(n *node) *node {
	at := n
	for p := n.parent; p != nil; p = p.parent {
		if !f[p] {
			at = p
		}
	}
	return at
}

// step is the next (d > 0) or previous visible node after n at the
// deepest level shown (PgDn, PgUp, Tab past a node's last field), or nil.
// A node whose parts are shown is on the way too when it has fields of
// its own (工作计划's 总体思路), so Tab and PgDn reach every field.
func (f folds) step(o *outline, n *node, d int) *node {
	vis := f.visible(o)
	i := 0
	for j, v := range vis {
		if v == n {
			i = j
		}
	}
	for j := i + d; j >= 0 && j < len(vis); j += d {
		if f.leaf(vis[j]) || vis[j].fills {
			return vis[j]
		}
	}
	return nil
}
