#!/usr/bin/env bash
# The berth GitHub Action's work (action.yml runs it): validate with annotations and the full
# problem list in the step summary, then plan or pr-report into the summary, then the one sticky
# pull-request comment (found again by its hidden marker). Inputs come as BERTH_* variables.
#   BERTH_COMMAND   validate | plan | pr-report
#   BERTH_STRICT    true: warnings fail validation
#   BERTH_BASE      pr-report: the base ref (default origin/$GITHUB_BASE_REF)
#   BERTH_NO_AWS    true: pr-report --no-aws
#   BERTH_COMMENT   true: create or update the pull-request comment (needs GH_TOKEN)
# Exit status: 1 when validation or the command failed; 0 otherwise (changes are not a failure:
# the exit-code output says 2 then).
set -uo pipefail
command="${BERTH_COMMAND:-pr-report}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
output="${GITHUB_OUTPUT:-/dev/null}"
report="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/berth-report.md"
strict=()
[ "${BERTH_STRICT:-false}" = true ] && strict=(--strict)

case "$command" in
  validate | plan | pr-report) ;;
  *) echo "::error title=berth::unknown command '$command' (validate, plan or pr-report)"; exit 1 ;;
esac

# 1. Validate. GitHub shows at most 10 annotations of each kind per step: the summary gets all.
berth validate --output github "${strict[@]}"
validated=$?
{
  echo "### berth validate"
  echo
  echo '```text'
  berth --color never validate "${strict[@]}"
  echo '```'
} >>"$summary"
echo "validate-exit-code=$validated" >>"$output"
if [ "$command" = validate ]; then
  echo "exit-code=$validated" >>"$output"
  exit "$validated"
fi

# 2. The plan, or the pull-request report (which lists validation errors itself).
case "$command" in
  plan) berth plan --output markdown --detailed-exitcode >"$report" ;;
  pr-report)
    base="${BERTH_BASE:-origin/${GITHUB_BASE_REF:-main}}"
    no_aws=()
    [ "${BERTH_NO_AWS:-false}" = true ] && no_aws=(--no-aws)
    berth pr-report --base "$base" "${no_aws[@]}" --detailed-exitcode >"$report"
    ;;
esac
code=$?
cat "$report" >>"$summary"
{
  echo "exit-code=$code"
  echo "report=$report"
  echo "has-changes=$([ "$code" = 2 ] && echo true || echo false)"
} >>"$output"

# 3. One comment per pull request, updated on every push.
pr="${BERTH_PR_NUMBER:-}"
if [ "${BERTH_COMMENT:-false}" = true ] && [ -n "$pr" ] && [ -s "$report" ]; then
  marker=$(head -n1 "$report")
  id=$(gh api "repos/$GITHUB_REPOSITORY/issues/$pr/comments" --paginate \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n1)
  if [ -n "$id" ]; then
    gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F body=@"$report" >/dev/null
    echo "updated comment $id"
  else
    gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -F body=@"$report" >/dev/null
    echo "created a comment on #$pr"
  fi || echo "::warning title=berth::could not write the pull-request comment (the report is in the step summary)"
fi

if [ "$validated" != 0 ] || [ "$code" = 1 ]; then exit 1; fi
exit 0
