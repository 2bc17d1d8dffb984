# Sourced by ./convscope and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders.

java_major() { # prints the feature version of the java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)
  case "$v" in 1.*) echo 0 ;; "") echo 0 ;; *) echo "${v%%.*}" ;; esac
}

find_jdk25() {
  local cand home
  for cand in "${JAVA_HOME:-}" \
              "$(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")")" \
              /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$cand" ] || continue
    home=$cand
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    if [ "$(java_major "$home/bin/java")" -ge 25 ] 2>/dev/null; then
      echo "$home"; return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk25); then
  cat >&2 <<'MSG'
convscope needs a JDK 25 or newer (with the jdk.incubator.vector module), and none was found
in $JAVA_HOME, on the PATH, or under /usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman, ~/.jdks.
Install one, for example Temurin 25 (https://adoptium.net) or your distribution's openjdk-25-jdk,
or point JAVA_HOME at it:   JAVA_HOME=/path/to/jdk-25 ./convscope
MSG
  exit 3
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 uses sun.misc.Unsafe; JDK 24+ warns about it on every run. Keep the output readable.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

if ! command -v mvn >/dev/null 2>&1; then
  echo "convscope builds with Apache Maven (3.8 or newer); 'mvn' is not on the PATH. Install it (for example: apt-get install maven)." >&2
  exit 3
fi
