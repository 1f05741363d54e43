# Sourced by ./mvnw, ./salus and .ci/run: points JAVA_HOME at a JDK >= 21.
# Keeps JAVA_HOME when it already is one; otherwise looks in the system JVM directory.
salus_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
salus_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(salus_java_major "$JAVA_HOME"); [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    h=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(salus_java_major "$h"); if [ "${v:-0}" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$h"; return 0; fi
  fi
  best=""; bestv=0; _salus_noglob=0
  case $- in *f*) _salus_noglob=1; set +f ;; esac
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(salus_java_major "$d"); [ "${v:-0}" -gt "$bestv" ] 2>/dev/null && { best="$d"; bestv="$v"; }
  done
  [ "$_salus_noglob" = 1 ] && set -f
  if [ -n "$best" ] && [ "$bestv" -ge 21 ]; then export JAVA_HOME="$best"; return 0; fi
  echo "Salus needs a JDK 21 or newer: set JAVA_HOME to one (found none under /usr/lib/jvm)." >&2
  return 1
}
salus_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
