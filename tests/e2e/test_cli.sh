#!/usr/bin/env bash
# --help, --version and usage errors of both CLIs.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "newsindex --help" -- "$NEWSINDEX" --help
expect_contains "$OUT" "Exit codes" "newsindex --help documents exit codes"
expect_contains "$OUT" "Examples" "newsindex --help has examples"
expect_exit 0 "newsindex --version" -- "$NEWSINDEX" --version
expect_contains "$OUT" "newsindex 0." "version printed"
expect_exit 0 "newsquery --help" -- "$NEWSQUERY" --help
expect_contains "$OUT" "Query syntax" "newsquery --help explains the syntax"
expect_exit 0 "newsquery --version" -- "$NEWSQUERY" --version
expect_exit 2 "newsindex without subcommand" -- "$NEWSINDEX"
expect_exit 2 "newsindex unknown subcommand" -- "$NEWSINDEX" frobnicate
expect_exit 2 "newsindex add --format bogus names the valid values" -- "$NEWSINDEX" add --format bogus "$SAMPLE"
expect_contains "$ERR" "jsonl" "bad --format lists valid formats"
expect_exit 2 "newsquery --sort bogus" -- "$NEWSQUERY" --sort bogus x
expect_contains "$ERR" "relevance" "bad --sort lists valid orders"
expect_exit 2 "newsquery without query" -- "$NEWSQUERY"
expect_exit 2 "newsquery --trec without --queries" -- "$NEWSQUERY" --trec run x

expect_exit 0 "newsindex analyze" -- "$NEWSINDEX" analyze --compact "Die TikTok-Übernahme"
expect_contains "$OUT" "tiktokuebernahme" "analyze shows the joined, folded compound"
expect_contains "$OUT" "+tiktok" "analyze shows the hyphen parts"
expect_exit 0 "newsindex analyze --json" -- "$NEWSINDEX" analyze --json "Übernahmen"
expect_json "$OUT" "assert j[0]['folded']=='uebernahmen' and j[0]['exact']=='übernahmen' and j[0]['stem']" "analyze --json shape"
finish
