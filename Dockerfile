# The coopstream worker image (used by compose.yaml).
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY schemas ./schemas
COPY workers ./workers
COPY seeds ./seeds
RUN pip install . && useradd --system --uid 10001 coop
USER coop
ENTRYPOINT ["coopstream"]
CMD ["run"]
