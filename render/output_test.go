package render

import "testing"

// TestLookupFormat: --format names and file extensions find their
// format; anything else finds none.
func TestLookupFormat(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"docx", ".docx"}, {".DOCX", ".docx"}, {"word", ".docx"},
		{"md", ".md"}, {".md", ".md"}, {"markdown", ".md"}, {".markdown", ".md"}, {"MD", ".md"},
		{"txt", ".txt"}, {".txt", ".txt"}, {"text", ".txt"},
		{"pdf", ""}, {".word", ""}, {".text", ""}, {"", ""},
	} {
		f, ok := LookupFormat(tc.in)
		if ok != (tc.want != "") || f.Ext != tc.want {
			t.Errorf("LookupFormat(%q) = %q, %v; want %q", tc.in, f.Ext, ok, tc.want)
		}
	}
	for i, f := range Formats {
		if got, ok := LookupFormat(f.Name); !ok || got.Ext != f.Ext {
			t.Errorf("Formats[%d] %s is not found by its name", i, f.Name)
		}
	}
	if Formats[0].Ext != ".docx" {
		t.Error("Word is not the first format (the wizard's export page counts on it)")
	}
}
