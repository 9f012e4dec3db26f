package schema

import (
	"fmt"
	"math"
	"strings"
)

// moneyUnits are the units of money fields are kept in, longest name
// first (万元 ends in 元 too), with their worth in 元.
var moneyUnits = []struct {
	name  string
	value float64
}{{"亿元", 1e8}, {"万元", 1e4}, {"千元", 1e3}, {"元", 1}}

// otherUnit explains a sum written in another unit of money than the
// field's (12480元 typed into a field in 万元), with the number to type
// instead. s has had the field's own unit removed; nil when s is not such
// a sum.
func otherUnit(s, unit string) error {
	to := moneyWorth(unit)
	if to == 0 {
		return nil
	}
	for _, u := range moneyUnits {
		num, ok := strings.CutSuffix(s, u.name)
		if !ok {
			continue
		}
		q, err := ParseQuantity(num, "")
		if err != nil || u.name == unit {
			return nil
		}
		v := q.Value * u.value / to
		if math.Abs(v) < 1e12 {
			v = math.Round(v*1e6) / 1e6 // 1.248, not 1.2480000000000002
		}
		if math.IsInf(v, 0) {
			return nil
		}
		shown := q.Prefix + FormatNumber(v, -8) + q.Suffix
		return fmt.Errorf("“%s”是以%s计的，这一项的单位是%s：请填 %s（%s = %s%s）", clip(s, 20), u.name, unit, shown, s, shown, unit)
	}
	return nil
}

func moneyWorth(unit string) float64 {
	for _, u := range moneyUnits {
		if u.name == unit {
			return u.value
		}
	}
	return 0
}
