# syntax=docker/dockerfile:1
# One image for the three services (and the one-shot init, and the offline Nobel API mirror):
# the command picks what runs.
#   docker build -t nobel-pipeline .
#   docker run nobel-pipeline node ingest-api/dist/main.js

ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: every dependency, compile TypeScript ------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json lerna.json tsconfig.base.json ./
COPY common/package.json common/
COPY schemas/package.json schemas/
COPY db/package.json db/
COPY test-utils/package.json test-utils/
COPY stack/package.json stack/
COPY console/package.json console/
COPY ingest-api/package.json ingest-api/
COPY nobel-mirror/package.json nobel-mirror/
COPY fetcher/package.json fetcher/
COPY sink/package.json sink/
COPY cli/package.json cli/
COPY e2e/package.json e2e/
COPY faults/package.json faults/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b common/tsconfig.build.json schemas/tsconfig.build.json db/tsconfig.build.json \
      stack/tsconfig.build.json ingest-api/tsconfig.build.json nobel-mirror/tsconfig.build.json \
      fetcher/tsconfig.build.json sink/tsconfig.build.json cli/tsconfig.build.json
# The web console: static files that ingest-api serves at /ui/.
RUN npm run build -w @nobel-pipeline/console

# --- deps: production dependencies only ----------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/common/package.json common/
COPY --from=build /app/schemas/package.json schemas/
COPY --from=build /app/db/package.json db/
COPY --from=build /app/test-utils/package.json test-utils/
COPY --from=build /app/stack/package.json stack/
COPY --from=build /app/console/package.json console/
COPY --from=build /app/ingest-api/package.json ingest-api/
COPY --from=build /app/nobel-mirror/package.json nobel-mirror/
COPY --from=build /app/fetcher/package.json fetcher/
COPY --from=build /app/sink/package.json sink/
COPY --from=build /app/cli/package.json cli/
COPY --from=build /app/e2e/package.json e2e/
COPY --from=build /app/faults/package.json faults/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# --- runtime: compiled code, production dependencies, an unprivileged user ----------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --from=build --chown=node:node /app/common/dist common/dist
COPY --from=build --chown=node:node /app/schemas/dist schemas/dist
COPY --from=build --chown=node:node /app/schemas/avro schemas/avro
COPY --from=build --chown=node:node /app/db/dist db/dist
COPY --from=build --chown=node:node /app/stack/dist stack/dist
COPY --from=build --chown=node:node /app/stack/maven stack/maven
COPY --from=build --chown=node:node /app/stack/conf stack/conf
COPY --from=build --chown=node:node /app/ingest-api/dist ingest-api/dist
COPY --from=build --chown=node:node /app/console/dist console/dist
COPY --from=build --chown=node:node /app/nobel-mirror/dist nobel-mirror/dist
COPY --from=build --chown=node:node /app/fetcher/dist fetcher/dist
COPY --from=build --chown=node:node /app/sink/dist sink/dist
# The operator's CLI: docker compose exec ingest-api node cli/dist/main.js status
COPY --from=build --chown=node:node /app/cli/dist cli/dist
USER node
EXPOSE 3000 9464 9465
CMD ["node", "ingest-api/dist/main.js"]
