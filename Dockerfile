# The hub's production image, built from the repository: docker compose up --build
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl registry-api -am install -DskipTests

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
	&& useradd --system --home /data plugboard && mkdir -p /data && chown plugboard /data
COPY --from=build /src/registry-api/target/plugboard-registry-api-*.jar /app/plugboard.jar
USER plugboard
WORKDIR /data
ENV PLUGBOARD_DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/plugboard.jar"]
