package modcheck

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Unformatted lists the mod's files that differ from HCL's canonical layout (aligned
// `=`, two-space indents), the layout `terraform fmt`-style tools and Turbot's mods use.
// With rewrite, it also rewrites them in that layout.
func (m *Mod) Unformatted(rewrite bool) ([]string, error) {
	var out []string
	for _, rel := range m.Files {
		p := filepath.Join(m.Dir, rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return out, err
		}
		formatted := hclwrite.Format(src)
		if bytes.Equal(src, formatted) {
			continue
		}
		out = append(out, rel)
		if rewrite {
			if err := os.WriteFile(p, formatted, 0o644); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}
