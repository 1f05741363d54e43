package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.salus.node.http.ApiRoute;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document in docs/api lists exactly the routes the node serves. */
class OpenApiIT {

    @Test
    void theOpenApiDocumentListsExactlyTheServedRoutes() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("salus.home", "..")).resolve("docs/api/openapi.yaml").toFile());
        Set<String> documented = new HashSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(m -> documented.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new HashSet<>();
        for (ApiRoute r : TestNodes.shared().http().routes()) {
            served.add(r.method() + " " + r.openApiPath());
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }
}
