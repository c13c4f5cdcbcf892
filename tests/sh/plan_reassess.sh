#!/bin/sh
# The proof that the food plan closes the gaps it says it closes.  For
# every vignette in tests/data/vignettes (and tests/data/plan/, cases made
# for the plan) whose advice has a plan, the plan's foods are added to every
# diary day as "ndb:NNNNN G g" lines and the case is assessed again.  Then:
# - every nutrient in plan_summary.closes was below its goal before, and is
#   now met: probability_adequate >= 0.5 (EAR and iron-table methods), the
#   mean at or above the AI (AI nutrients), or at or above the EAR (iron
#   outside IOM's table, where no probability is given);
# - the plan's predicted mean equals the re-assessed mean (within 0.5%);
# - no UL or CDRR is exceeded that was not exceeded before (and above the
#   sodium CDRR already, the plan adds at most the allowance in factors.json);
# - at least 5 vignettes were checked this way, so the test cannot pass empty.
# PLAN_DROP_LAST=1 leaves the last food of each plan out, to see it fail.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
allowance=$(jq '.advice.plan.over_cdrr_allowance_mg' "$TOP/data/factors.json")
checked=0
bad=0
for f in "$TOP"/tests/data/vignettes/*.json "$TOP"/tests/data/plan/*.json; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	dir=$(dirname "$f")
	if ! (cd "$dir" && "$CRAMPLAB" assess "$name" --json) >"$tmp/before" 2>"$tmp/err"; then
		echo "$name: assess failed: $(head -c 300 "$tmp/err")"
		bad=$((bad + 1))
		continue
	fi
	[ "$(jq '.advice.plan | length' "$tmp/before")" -gt 0 ] || continue
	if ! jq -e '.diary | type == "array"' "$f" >/dev/null; then
		echo "$name: has a plan but no inline diary to add it to"
		bad=$((bad + 1))
		continue
	fi
	drop=${PLAN_DROP_LAST:-0}
	jq --slurpfile b "$tmp/before" --argjson drop "$drop" '
		($b[0].advice.plan | if $drop == 1 then .[:-1] else . end
		 | map("ndb:\(.ndb) \(.grams) g")) as $add
		| .diary |= map(.foods += $add)' "$f" >"$dir/.plan_$name"
	if ! (cd "$dir" && "$CRAMPLAB" assess ".plan_$name" --json) >"$tmp/after" 2>"$tmp/err"; then
		echo "$name: re-assessment failed: $(head -c 300 "$tmp/err")"
		rm -f "$dir/.plan_$name"
		bad=$((bad + 1))
		continue
	fi
	rm -f "$dir/.plan_$name"
	checked=$((checked + 1))
	problems=$(jq -r --slurpfile b "$tmp/before" --argjson allow "$allowance" '
		$b[0] as $before | . as $after
		| $before.advice.plan_summary as $s
		| def n(doc; k): doc.intake.nutrients[k];
		  def goal(x): x.reference.rda // x.reference.ai;
		  ( $s.closes[] as $k
		    | n($before; $k) as $o | n($after; $k) as $x
		    | (if $o.mean >= goal($o) then "\($k): was already at its goal" else empty end),
		      (if $x.method == "ai" then
		         (if $x.mean < $x.reference.ai then "\($k): mean \($x.mean) below the AI \($x.reference.ai)" else empty end)
		       elif ($x.method == "not_applicable" or $x.method == "none") then
		         (if $x.mean < $x.reference.ear then "\($k): mean \($x.mean) below the EAR (no IOM table)" else empty end)
		       elif $x.probability_adequate == null then "\($k): no probability after the plan"
		       elif $x.probability_adequate < 0.5 then "\($k): probability adequate \($x.probability_adequate) < 0.5"
		       else empty end),
		      ($s.after[$k].mean as $p
		       | if (($p - $x.mean) | fabs) > 0.005 * ([$x.mean, 1e-9] | max) then
		           "\($k): plan predicts \($p), re-assessment gives \($x.mean)" else empty end) ),
		  ( $after.intake.nutrients | to_entries[] | .key as $k | .value as $x | n($before; $k) as $o
		    | (if $x.reference.ul != null then
		         (if ($x.upper_limit.mean // 0) > $x.reference.ul and ($o.upper_limit.mean // 0) <= $x.reference.ul
		          then "\($k): above the UL after the plan" else empty end) else empty end),
		      (if $x.reference.cdrr != null and $x.mean > $x.reference.cdrr then
		         (if $o.mean <= $x.reference.cdrr then "\($k): above the CDRR after the plan"
		          elif $x.mean - $o.mean > $allow + 0.01 then "\($k): the plan adds \($x.mean - $o.mean) over the CDRR"
		          else empty end) else empty end) )' "$tmp/after")
	if [ -n "$problems" ]; then
		echo "$problems" | sed "s/^/$name: /"
		bad=$((bad + 1))
	else
		echo "$name: $(jq -c '.advice.plan_summary | [.status, .closes]' "$tmp/before") confirmed"
	fi
done
echo "$checked plans re-assessed, $bad problems"
[ "$checked" -ge 5 ] && [ "$bad" -eq 0 ]
