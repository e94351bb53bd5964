#!/usr/bin/env bash
# plugboard: this file is a shell script followed by the CLI's jar. It runs the jar on the
# first Java 21 or newer it finds: $PLUGBOARD_JAVA, $JAVA_HOME, java on the PATH, then
# /usr/lib/jvm and /Library/Java.
self="$0"
major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
for candidate in "${PLUGBOARD_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
		$(ls -d /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java 2>/dev/null | sort -rV); do
	if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(major "$candidate")" -ge 21 ] 2>/dev/null; then
		exec "$candidate" ${PLUGBOARD_JAVA_OPTS:-} -jar "$self" "$@"
	fi
done
echo "plugboard: needs Java 21 or newer; set PLUGBOARD_JAVA or JAVA_HOME" >&2
exit 1
