# Python's own parser as the judge of what convert --language python writes: reads a JSON list of
# sources on stdin, writes for each its string constants, comments and top-level statement count
# (or the SyntaxError) as JSON. Used by test/core/convert/hostile-input.test.ts.
import ast
import io
import json
import sys
import tokenize

results = []
for source in json.load(sys.stdin):
    result = {"error": None, "strings": [], "comments": [], "statements": 0}
    try:
        tree = ast.parse(source)
        result["strings"] = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        result["statements"] = len(tree.body)
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        result["comments"] = [t.string for t in tokens if t.type == tokenize.COMMENT]
    except (SyntaxError, tokenize.TokenError, ValueError) as e:
        result["error"] = f"{type(e).__name__}: {e}"
    results.append(result)
json.dump(results, sys.stdout)
