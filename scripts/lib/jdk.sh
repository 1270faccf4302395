# Sourced by fanout's scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: JAVA_HOME when it is 21+, then `java` on the PATH, then the usual install places.

fanout_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing.
  local home=$1 line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  line=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | grep -m1 'java.specification.version')
  line=${line##*= }
  printf '%s' "${line%%.*}"
}

fanout_find_jdk() {
  local candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    major=$(fanout_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      printf '%s' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! FANOUT_JDK=$(fanout_find_jdk); then
  {
    echo "fanout needs a JDK 21 or newer (it builds with --release 21 and runs Lambda's java21 runtime)."
    echo "None was found in JAVA_HOME${JAVA_HOME:+ ($JAVA_HOME)}, on the PATH, or under /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks."
    echo "Install one, for example: 'apt-get install openjdk-21-jdk-headless' or 'sdk install java 21-tem',"
    echo "then run this again (or set JAVA_HOME to its directory)."
  } >&2
  exit 3
fi
export JAVA_HOME=$FANOUT_JDK
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries (Guice) still use sun.misc.Unsafe; JDK 23+ warns about it unless allowed.
if [ "$(fanout_java_major "$JAVA_HOME")" -ge 23 ]; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
