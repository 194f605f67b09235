#!/usr/bin/env bash
# Runs every ```java block of the given docs pages in JShell, one session per page (a block may use what an
# earlier block of the same page defined), and fails if JShell reports an error or an exception.
# A block that only shows a shape (an application's pom.xml, a class that needs its own file) is marked
# with <!-- no-run --> on the line above it and skipped. Run from the repository root:
#   bash docs/check-snippets.sh docs/*.md
set -euo pipefail
cd "$(dirname "$0")/.."
# The classpath again whenever pom.xml changed since it was written (a new dependency would be missing otherwise).
if [ ! -f target/cp.txt ] || [ pom.xml -nt target/cp.txt ]; then
  mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
mkdir -p target/docs-snippets
status=0
for page in "$@"; do
  name=$(basename "$page" .md)
  script=target/docs-snippets/$name.jsh
  # The imports of a bin/jkeras-shell session (its bin/jkeras-imports.jsh; the same list until that file exists),
  # so that a snippet that runs here runs there: anything else a page uses, it imports itself.
  {
    if [ -f bin/jkeras-imports.jsh ]; then
      cat bin/jkeras-imports.jsh
    else
      for p in io.jkeras io.jkeras.layers io.jkeras.models io.jkeras.optimizers io.jkeras.losses io.jkeras.callbacks \
               io.jkeras.training io.jkeras.datasets io.jkeras.applications io.jkeras.utils; do
        echo "import $p.*;"
      done
      echo 'import static io.jkeras.utils.Categorical.toCategorical;'
      echo 'import static io.jkeras.utils.ClassificationReport.classificationReport;'
      echo 'import static io.jkeras.utils.ConfusionMatrix.confusionMatrix;'
      for c in org.nd4j.linalg.api.buffer.DataType org.nd4j.linalg.api.ndarray.INDArray org.nd4j.linalg.factory.Nd4j \
               org.nd4j.linalg.indexing.NDArrayIndex org.nd4j.linalg.ops.transforms.Transforms; do
        echo "import $c;"
      done
    fi
    awk '/<!-- no-run/ {skip=1; next}
         /^```java[[:space:]]*$/ {if (!skip) on=1; skip=0; next}
         /^```/ {if (on) print "System.out.println(\"-- end of block --\");"; on=0; skip=0; next}
         on {print}
         !on && NF {skip=0}' "$page"
    echo '/exit'
  } >"$script"
  blocks=$(grep -c 'end of block' "$script" || true)
  log=target/docs-snippets/$name.log
  OPENBLAS_CORETYPE=SkylakeX JKERAS_FAST=1 timeout 900 \
    jshell --class-path "target/classes:$(cat target/cp.txt)" -R-Djavacpp.platform.extension=-onednn-avx512 \
    -R-Xmx6g "$script" </dev/null >"$log" 2>&1 || { echo "FAILED (exit): $page"; status=1; }
  if grep -qE '^\|  (Error|Exception|.*cannot find symbol)|^Exception|Exception in thread|^\|  [A-Za-z.]*Exception' "$log"; then
    echo "FAILED: $page (see $log)"; grep -nE -A4 '^\|  (Error|Exception)|^\|  [A-Za-z.]*Exception|Exception' "$log" | head -30; status=1
  else
    ran=$(grep -c -- '-- end of block --' "$log" || true)
    if [ "$ran" != "$blocks" ]; then echo "FAILED: $page ran $ran of $blocks blocks (see $log)"; status=1
    else echo "ok: $page ($blocks blocks)"; fi
  fi
done
exit $status
