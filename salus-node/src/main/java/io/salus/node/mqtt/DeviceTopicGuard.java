package io.salus.node.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.SharedSubscription;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.salus.core.device.DeviceId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may do what on the embedded broker (a HiveMQ extension). The node's own client (user {@code salus-node} with
 * the password drawn at this start) may take batches through the shared subscription and publish outcomes. Any other
 * client is a device: its client id must be a device id, and it may only publish (not retained) to its own batch
 * topic and subscribe to its own outcome topic; everything else is denied. So nobody but the node reads a batch
 * (readings travel in clear inside the broker), nobody can join the nodes' share group to divert batches, and a
 * device cannot publish another's outcomes. The batch signature still decides what is accepted.
 */
final class DeviceTopicGuard implements ExtensionMain, SimpleAuthenticator {
    private final byte[] nodePassword;

    DeviceTopicGuard(byte[] nodePassword) {
        this.nodePassword = nodePassword.clone();
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.securityRegistry().setAuthenticatorProvider(input -> this);
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        // nothing held
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket c = input.getConnectPacket();
        ModifiableDefaultPermissions p = output.getDefaultPermissions();
        p.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        if (c.getUserName().filter(MqttTopics.NODE_USER::equals).isPresent()) {
            if (!c.getPassword().map(this::isNodePassword).orElse(false)) {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not the node");
                return;
            }
            p.add(permission(MqttTopics.BATCHES, MqttActivity.SUBSCRIBE, SharedSubscription.SHARED));
            p.add(permission(MqttTopics.OUTCOMES, MqttActivity.PUBLISH, SharedSubscription.ALL));
            output.authenticateSuccessfully();
            return;
        }
        Optional<DeviceId> device = DeviceId.parse(c.getClientId());
        if (device.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "a device connects with its device id as the client id");
            return;
        }
        p.add(Builders.topicPermission().topicFilter(MqttTopics.batches(device.get())).activity(MqttActivity.PUBLISH)
                .retain(TopicPermission.Retain.NOT_RETAINED).type(TopicPermission.PermissionType.ALLOW).build());
        p.add(permission(MqttTopics.outcomes(device.get()), MqttActivity.SUBSCRIBE, SharedSubscription.NOT_SHARED));
        output.authenticateSuccessfully();
    }

    private boolean isNodePassword(ByteBuffer given) {
        byte[] b = new byte[given.remaining()];
        given.duplicate().get(b);
        return MessageDigest.isEqual(b, nodePassword);
    }

    private static TopicPermission permission(String filter, MqttActivity activity, SharedSubscription shared) {
        return Builders.topicPermission().topicFilter(filter).activity(activity).sharedSubscription(shared)
                .type(TopicPermission.PermissionType.ALLOW).build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
