package io.salus.core.error;

/**
 * Stable error codes for expected failures. A code never changes meaning once released; new failures get new codes.
 * {@link #httpStatus} is a hint for the single HTTP mapper in the node module.
 */
public enum ErrorCode {
    // input and FHIR (0001-0099)
    INVALID_JSON("SALUS-0001", 400, "Body is not valid JSON"),
    NOT_A_BUNDLE("SALUS-0002", 422, "Body is not a FHIR R4 Bundle"),
    UNKNOWN_RESOURCE_TYPE("SALUS-0003", 422, "Unknown FHIR resource type"),
    BODY_TOO_LARGE("SALUS-0004", 413, "Request body is too large"),
    INVALID_FHIR("SALUS-0005", 422, "FHIR content is invalid"),
    FOREIGN_PATIENT("SALUS-0006", 422, "A resource is about another patient"),
    BROKEN_REFERENCE("SALUS-0007", 422, "A reference does not resolve"),
    EMPTY_BUNDLE("SALUS-0008", 422, "The bundle holds no resources"),
    TOO_MANY_RESOURCES("SALUS-0009", 413, "The bundle holds too many resources"),
    INVALID_REQUEST("SALUS-0010", 400, "The request is invalid"),
    UNSUPPORTED_MEDIA_TYPE("SALUS-0011", 415, "Unsupported media type"),
    // identity and access (0100-0199)
    UNAUTHENTICATED("SALUS-0100", 401, "Authentication required"),
    FORBIDDEN("SALUS-0101", 403, "Not allowed"),
    ACCOUNT_NOT_FOUND("SALUS-0102", 404, "Account not found"),
    NOT_A_PATIENT("SALUS-0103", 422, "The account is not a patient"),
    NOT_A_PROVIDER("SALUS-0104", 422, "The account is not a provider"),
    NO_CARE_RELATIONSHIP("SALUS-0105", 403, "The provider does not care for this patient"),
    // records, crypto and integrity (0200-0299)
    RECORD_NOT_FOUND("SALUS-0200", 404, "Record not found"),
    RECORD_TAMPERED("SALUS-0201", 409, "Record failed its integrity check"),
    NOT_YET_ANCHORED("SALUS-0202", 409, "Record is not anchored yet"),
    PROOF_MISMATCH("SALUS-0203", 409, "Record proof does not verify against the chain"),
    KEY_UNAVAILABLE("SALUS-0204", 503, "Keys cannot be confirmed"),
    IDEMPOTENCY_CONFLICT("SALUS-0205", 409, "Idempotency key reused with a different request"),
    // engines (0300-0399)
    CHAIN_UNAVAILABLE("SALUS-0300", 503, "The chain cannot be reached"),
    STORE_UNAVAILABLE("SALUS-0301", 503, "The store cannot be reached"),
    NOT_FOUND("SALUS-0302", 404, "Not found"),
    // consent, attestations, delegation, audit (0400-0499)
    NO_CONSENT("SALUS-0400", 403, "No consent covers this access"),
    CATEGORY_NOT_GRANTED("SALUS-0401", 403, "The consent does not cover this data category"),
    PURPOSE_NOT_GRANTED("SALUS-0402", 403, "The consent does not cover this purpose"),
    CONSENT_EXPIRED("SALUS-0403", 403, "The consent has expired"),
    CONSENT_NOT_YET_VALID("SALUS-0404", 403, "The consent is not valid yet"),
    CONSENT_REVOKED("SALUS-0405", 403, "The consent was revoked"),
    NO_ATTESTATION("SALUS-0406", 403, "The requester holds no valid attestation"),
    ATTESTATION_EXPIRED("SALUS-0407", 403, "The requester's attestation has expired"),
    ATTESTATION_REVOKED("SALUS-0408", 403, "The requester's attestation was revoked"),
    PURPOSE_NOT_ATTESTED("SALUS-0409", 403, "The requester's attestation does not allow this purpose"),
    DELEGATION_SCOPE("SALUS-0410", 403, "The delegation does not cover this action"),
    NOT_NAMED_CONSUMER("SALUS-0411", 403, "The consent names another consumer"),
    CONSENT_INDEX_BEHIND("SALUS-0412", 503, "The consent index has not seen the chain head"),
    AUDIT_UNAVAILABLE("SALUS-0413", 503, "The access cannot be audited, so nothing is released"),
    INVALID_SIGNATURE("SALUS-0414", 422, "The signature is invalid"),
    SIGNATURE_EXPIRED("SALUS-0415", 422, "The signature's deadline has passed"),
    NONCE_USED("SALUS-0416", 409, "The signed nonce was already used (replay)"),
    WRONG_DOMAIN("SALUS-0417", 422, "The signature is for another chain or contract"),
    MALLEABLE_SIGNATURE("SALUS-0418", 422, "High-s or non-65-byte signatures are refused"),
    UNTRUSTED_ISSUER("SALUS-0419", 403, "The issuer is not trusted for this attestation type"),
    INVALID_GRANT("SALUS-0420", 422, "The consent terms are invalid"),
    GRANT_NOT_FOUND("SALUS-0421", 404, "No such consent grant"),
    NOT_A_CONSUMER("SALUS-0422", 422, "The account cannot request data"),
    // differential privacy (0500-0599)
    PRIVACY_BUDGET_EXHAUSTED("SALUS-0500", 429, "The organisation's privacy budget is exhausted"),
    INVALID_EPSILON("SALUS-0501", 422, "The privacy parameter epsilon is invalid"),
    ORGANISATION_ALREADY_ASSIGNED("SALUS-0502", 409, "The account already belongs to another organisation"),
    // data deals and settlement (0600-0699)
    DEAL_INVALID_TERMS("SALUS-0600", 422, "The deal's terms are invalid"),
    DEAL_NOT_FOUND("SALUS-0601", 404, "No such deal"),
    DEAL_EXISTS("SALUS-0602", 409, "A deal with this id exists with other terms"),
    DEAL_INSUFFICIENT_FUNDS("SALUS-0603", 422, "The consumer's tokens do not cover the deal"),
    DEAL_WRONG_STATE("SALUS-0604", 409, "The deal's state does not allow this step"),
    DEAL_DEADLINE_PASSED("SALUS-0605", 409, "The deal's deadline has passed"),
    DEAL_DEADLINE_NOT_REACHED("SALUS-0606", 409, "The deal's deadline has not passed yet"),
    DEAL_ALREADY_SETTLED("SALUS-0607", 409, "The deal is already settled"),
    DEAL_ALREADY_REFUNDED("SALUS-0608", 409, "The deal was already refunded"),
    DEAL_COHORT_TOO_LARGE("SALUS-0609", 422, "The cohort exceeds the deal's maximum or committed size"),
    DEAL_INVALID_PAYOUT("SALUS-0610", 422, "A payout is malformed"),
    DEAL_NOT_MATCHER("SALUS-0611", 403, "Only an authorised matcher may commit or settle a deal"),
    DEAL_NOTHING_TO_REFUND("SALUS-0612", 409, "The deal holds no escrow to refund"),
    DEAL_ALREADY_COMMITTED("SALUS-0613", 409, "The deal's cohort is already committed"),
    DEAL_PACKAGE_MISMATCH("SALUS-0614", 409, "The settlement names another package than the one recorded"),
    // verifiable credentials and presentations (0700-0719)
    CREDENTIAL_MALFORMED("SALUS-0700", 400, "The credential or presentation cannot be parsed"),
    CREDENTIAL_TAMPERED("SALUS-0701", 422, "The credential's signature or disclosures do not verify"),
    CREDENTIAL_EXPIRED("SALUS-0702", 422, "The credential has expired"),
    CREDENTIAL_NOT_YET_VALID("SALUS-0703", 422, "The credential is not valid yet"),
    CREDENTIAL_REVOKED("SALUS-0704", 403, "The credential was revoked in its issuer's status list"),
    UNTRUSTED_CREDENTIAL_ISSUER("SALUS-0705", 403, "The credential's issuer is not trusted for its type"),
    KEY_BINDING_MISSING("SALUS-0706", 422, "The presentation carries no key-binding JWT"),
    KEY_BINDING_INVALID("SALUS-0707", 422, "The key-binding JWT does not verify with the holder's key"),
    WRONG_AUDIENCE("SALUS-0708", 422, "The presentation is for another verifier"),
    WRONG_NONCE("SALUS-0709", 422, "The presentation's nonce was not issued to this caller or has expired"),
    PRESENTATION_REPLAYED("SALUS-0710", 409, "The presentation's nonce was already used (replay)"),
    MISSING_DISCLOSURE("SALUS-0711", 422, "The presentation does not disclose a required claim"),
    HOLDER_MISMATCH("SALUS-0712", 403, "The credential was issued to another account"),
    CREDENTIAL_NOT_FOUND("SALUS-0713", 404, "No such credential"),
    STATUS_LIST_UNAVAILABLE("SALUS-0714", 503, "The issuer's status list cannot be confirmed"),
    INVALID_HOLDER_KEY("SALUS-0715", 422, "The holder key is not a public P-256 JWK"),
    UNSUPPORTED_CREDENTIAL_TYPE("SALUS-0716", 422, "The credential type is not supported"),
    KEY_BINDING_STALE("SALUS-0717", 422, "The key-binding JWT is not fresh"),
    // key recovery by guardians (0720-0739)
    RECOVERY_INVALID_GUARDIANS("SALUS-0720", 422,
            "The guardian set is invalid (1 <= k <= n <= 255 distinct accounts, not the patient)"),
    RECOVERY_INVALID_SHARES("SALUS-0721", 422, "The shares are too few, duplicated or malformed"),
    RECOVERY_NO_GUARDIANS("SALUS-0722", 409, "The patient has named no guardians"),
    RECOVERY_NOT_FOUND("SALUS-0723", 404, "No such recovery"),
    RECOVERY_NOT_A_GUARDIAN("SALUS-0724", 403, "The account is not a guardian of this patient"),
    RECOVERY_NOT_ENOUGH_APPROVALS("SALUS-0725", 409, "Fewer guardians approved on chain than the threshold"),
    RECOVERY_KEY_MISMATCH("SALUS-0726", 409, "The reconstructed key is not the patient's registered key"),
    RECOVERY_CLAIM_INVALID("SALUS-0727", 403, "The recovery's claim token is wrong"),
    RECOVERY_CLOSED("SALUS-0728", 409, "The recovery is already completed"),
    RECOVERY_ALREADY_APPROVED("SALUS-0729", 409, "The guardian already approved this recovery"),
    RECOVERY_SHARE_TAMPERED("SALUS-0730", 409, "A guardian's share does not match its recorded hash"),
    RECOVERY_STALE("SALUS-0731", 409, "The guardian set changed after the recovery was opened"),
    // export and erasure (0740-0759)
    PATIENT_ERASED("SALUS-0740", 410, "The patient's data was erased"),
    ERASURE_NOT_CONFIRMED("SALUS-0741", 400, "The erasure request does not carry the exact confirmation"),
    ERASURE_BY_PATIENT_ONLY("SALUS-0742", 403, "Only the patient may erase their data or see its erasure"),
    NOT_ERASED("SALUS-0743", 404, "The patient has not been erased"),
    // delegation to caregivers and legal representatives (0760-0779)
    DELEGATION_BY_PATIENT_ONLY("SALUS-0760", 403, "Only the patient states, widens or revokes a delegation"),
    DELEGATION_NOT_FOUND("SALUS-0761", 404, "No such delegation"),
    INVALID_DELEGATION("SALUS-0762", 422, "The delegation's terms are invalid"),
    // web portals: sign-in, sessions, CSRF, patient portal (0780-0789)
    PORTAL_SIGN_IN_REQUIRED("SALUS-0780", 401, "Sign in to the portal first"),
    PORTAL_SIGN_IN_FAILED("SALUS-0781", 401, "The API token is not valid"),
    PORTAL_CSRF_REJECTED("SALUS-0782", 403, "The form's CSRF token is missing or wrong"),
    PORTAL_FORM_INVALID("SALUS-0783", 400, "The form is invalid"),
    PORTAL_WRONG_ACCOUNT_KIND("SALUS-0784", 403, "This portal is for another kind of account"),
    // consumer portal and auditor view (0790-0799)
    CODE_QUERY_INVALID("SALUS-0790", 400, "The code search query is invalid"),
    COHORT_FORM_INVALID("SALUS-0791", 400, "The cohort form is invalid"),
    DEAL_FORM_INVALID("SALUS-0792", 400, "The deal form is invalid"),
    NOT_AN_AUDITOR("SALUS-0793", 403, "Only auditor accounts use the auditor view"),
    // deals that cannot be cheated (1200-1299)
    DEAL_BELOW_POLICY("SALUS-1200", 422, "The deal's split is below the split policy"),
    DEAL_RATE_LIMITED("SALUS-1201", 429, "The organisation posts or matches deals too often; try again later"),
    DEAL_ESCROW_TOO_SMALL("SALUS-1202", 422, "The deal's escrow is below the minimum"),
    DEAL_TOO_LATE_TO_DELIVER("SALUS-1203", 409, "The deal's deadline is too close to deliver and settle safely"),
    DEAL_NOT_SETTLED("SALUS-1204", 409, "The package is released only once the deal is settled on chain"),
    DEAL_COHORT_SUPPRESSED("SALUS-1205", 409,
            "The released cohort size is below the suppression threshold: nothing was committed or can be delivered"),
    DEAL_NOT_IN_COHORT("SALUS-1206", 422, "A payee is not in the committed cohort"),
    DEAL_ALREADY_PAID("SALUS-1207", 409, "A payee was already paid in this deal"),
    DEAL_SETTLEMENT_IN_PROGRESS("SALUS-1208", 409,
            "The deal is being settled; its escrow can be refunded only after the completion window"),
    KEY_EXPORT_REFUSED("SALUS-1209", 403, "Operator and issuer accounts cannot export their keys"),
    DEAL_NOTHING_TO_DELIVER("SALUS-1210", 409, "No matched patient still consents: nothing can be delivered"),
    DEAL_EVENTS_BEHIND("SALUS-1211", 503, "The deal events cannot be confirmed up to the chain head"),
    // FHIR API, SMART App Launch and Bulk Data export (1500-1599)
    FHIR_SEARCH_UNSUPPORTED("SALUS-1500", 400, "The FHIR search parameter, modifier or value is not supported"),
    FHIR_SEARCH_TOO_BROAD("SALUS-1501", 422, "The search would open more records than the node opens per request"),
    FHIR_PATIENT_REQUIRED("SALUS-1502", 400, "Name the patient: FHIR searches are per patient"),
    FHIR_METHOD_NOT_ALLOWED("SALUS-1503", 405, "The FHIR interaction is not supported"),
    SMART_INVALID_CLIENT("SALUS-1510", 401, "The OAuth client is unknown or failed to authenticate"),
    SMART_INVALID_GRANT("SALUS-1511", 400,
            "The authorization code or refresh token is invalid, expired, used or for another client"),
    SMART_INVALID_REQUEST("SALUS-1512", 400, "The OAuth request is invalid"),
    SMART_INVALID_SCOPE("SALUS-1513", 400, "The requested scope is invalid or not allowed for this client"),
    SMART_REDIRECT_MISMATCH("SALUS-1514", 400, "The redirect_uri is not registered for this client"),
    SMART_TOKEN_INVALID("SALUS-1515", 401, "The access token is invalid, expired or revoked"),
    SMART_SCOPE_INSUFFICIENT("SALUS-1516", 403, "The access token's scopes or patient do not cover this request"),
    SMART_ACCESS_DENIED("SALUS-1517", 403, "The patient did not approve the request"),
    BULK_JOB_NOT_FOUND("SALUS-1520", 404, "No such export job"),
    BULK_ASYNC_REQUIRED("SALUS-1521", 400, "A Bulk Data export needs the header Prefer: respond-async"),
    BULK_GROUP_UNAVAILABLE("SALUS-1522", 403, "The group is not a settled deal bought by the caller"),
    BULK_EXPORT_UNSUPPORTED("SALUS-1523", 400, "The export parameter is not supported"),
    BULK_JOB_NOT_READY("SALUS-1524", 409, "The export job has not completed"),
    // privacy and account-security hardening (1300-1349)
    EPSILON_ABOVE_CAP("SALUS-1300", 422, "The epsilon of one query is above the node's per-query cap"),
    // compute-to-data and federated learning (1700-1799)
    AGGREGATION_INVALID_ROUND("SALUS-1700", 422,
            "The aggregation round is malformed (members, keys, vector lengths or threshold)"),
    AGGREGATION_DROPOUT_UNRECOVERABLE("SALUS-1701", 422,
            "A member dropped out and too few valid shares of its key were given to remove its masks"),
    COMPUTE_INVALID_PARAMETERS("SALUS-1702", 422, "The built-in algorithm's parameters are invalid"),
    // the WebAssembly sandbox for consumers' modules (1710-1729)
    SANDBOX_INVALID_MODULE("SALUS-1710", 422,
            "The module is not valid WebAssembly, is too large, or does not export run: [] -> []"),
    SANDBOX_IMPORT_REFUSED("SALUS-1711", 422, "The module imports something the sandbox does not grant"),
    SANDBOX_MEMORY_LIMIT("SALUS-1712", 422, "The module declares more memory or table space than its limit"),
    SANDBOX_TIMED_OUT("SALUS-1713", 422, "The module did not finish before its deadline and was stopped"),
    SANDBOX_OUTPUT_LIMIT("SALUS-1714", 422, "The module emitted more values than its output cap"),
    SANDBOX_TRAPPED("SALUS-1715", 422,
            "The module trapped (unreachable, out-of-bounds memory, division by zero, exhausted stack)"),
    SANDBOX_READ_OUTSIDE_VIEW("SALUS-1716", 422, "The module read outside the cohort view granted to it"),
    SANDBOX_INVALID_VIEW("SALUS-1717", 422, "The cohort view is invalid (unknown, repeated or ragged columns)"),
    // devices and signed reading batches (1800-1819)
    DEVICE_INVALID_REGISTRATION("SALUS-1800", 422, "The device registration is invalid"),
    DEVICE_BATCH_MALFORMED("SALUS-1801", 422, "The reading batch is malformed"),
    DEVICE_BATCH_FORGED("SALUS-1802", 422, "The batch signature does not verify with the device's key"),
    DEVICE_BATCH_REPLAYED("SALUS-1803", 409, "The batch reuses an accepted sequence number with other content"),
    DEVICE_BATCH_STALE("SALUS-1804", 409, "The batch's sequence number is older than the acceptance window"),
    DEVICE_BATCH_FROM_FUTURE("SALUS-1805", 422, "The batch ends after the node's clock (beyond the allowed skew)"),
    DEVICE_READING_UNSUPPORTED("SALUS-1806", 422,
            "A reading's code is not one the device is registered for, or its unit does not fit the code"),
    DEVICE_RETIRED("SALUS-1807", 403, "The device was retired; its key signs nothing more"),
    // personal health scores (1820-1839)
    SCORE_INPUTS_MISSING("SALUS-1820", 422, "The score's inputs are not all known"),
    SCORE_INPUT_OUT_OF_RANGE("SALUS-1821", 422, "An input is outside the range the score is validated for"),
    // monitoring rules, alerts and escalation (1840-1859)
    MONITORING_INVALID_RULE("SALUS-1840", 422, "The monitoring rule is invalid"),
    ALERT_NOT_A_RECIPIENT("SALUS-1841", 403, "Only a contact the alert was sent to may acknowledge it"),
    // incentive credits (1860-1879)
    CREDIT_RULE_INVALID("SALUS-1860", 422, "The credit rule or the period's inputs are invalid"),
    // zero-knowledge attribute proofs (2000-2019)
    ZK_SIGNATURE_INVALID("SALUS-2000", 422, "The provider's signature over the attribute commitment does not verify"),
    ZK_PREDICATE_FALSE("SALUS-2001", 422, "The attribute does not satisfy the claimed predicate"),
    ZK_COMMITMENT_STALE("SALUS-2002", 422, "The signed attribute is older than the freshness bound"),
    ZK_INPUT_OUT_OF_RANGE("SALUS-2003", 422, "A proof input is outside the circuit's ranges"),
    ZK_WITNESS_REJECTED("SALUS-2004", 422, "The circuit's constraints reject the inputs: no proof exists"),
    ZK_PROVER_UNAVAILABLE("SALUS-2005", 503, "The prover is not available"),
    ZK_PROOF_INVALID("SALUS-2006", 422, "The verifier refused the proof for these public signals"),
    ZK_NULLIFIER_USED("SALUS-2007", 409, "This patient was already counted in this scope"),
    ZK_PROVIDER_KEY_INACTIVE("SALUS-2008", 403, "The provider key is not registered or was revoked"),
    ZK_SCOPE_UNKNOWN("SALUS-2009", 404, "No such scope"),
    ZK_CLAIM_OUTSIDE_POLICY("SALUS-2010", 422, "The proven claim is not what the scope requires"),
    ZK_PROVIDER_NOT_ENROLLED("SALUS-2011", 403, "The account is not an enrolled provider"),
    ZK_PROVIDER_KEY_INVALID("SALUS-2012", 422, "The key is not a usable BabyJubJub point or was registered before"),
    // privacy and account-security hardening (1350-1399)
    RATE_LIMITED("SALUS-1350", 429, "Too many requests: try again after the Retry-After interval"),
    DELEGATE_GRANT_TO_ITSELF("SALUS-1351", 403,
            "A delegate cannot grant a consent naming itself or an organisation it belongs to"),
    DELEGATE_GRANT_OUTLASTS_DELEGATION("SALUS-1352", 422,
            "A delegate's grant cannot last beyond the delegation it is signed under"),
    RECOVERY_OPENER_FORBIDDEN("SALUS-1353", 403, "Only a guardian of the patient or the operator opens a recovery"),
    RECOVERY_WAITING("SALUS-1354", 409, "The recovery's waiting period has not passed"),
    RECOVERY_CANCELLED("SALUS-1355", 409, "The recovery was cancelled"),
    RECOVERY_CANCEL_FORBIDDEN("SALUS-1356", 403,
            "Only the patient, with their current token or key, or the operator cancels a recovery"),
    // devices and monitoring, continued (1870-1899)
    DEVICE_NOT_FOUND("SALUS-1870", 404, "No such device"),
    ALERT_NOT_FOUND("SALUS-1871", 404, "No such alert"),
    // onboarding at scale: batched chain writes (1400-1449)
    REGISTRATION_REFUSED("SALUS-1400", 409, "The registry refused the account (another kind, or not registrable)"),
    RELAY_UNAVAILABLE("SALUS-1401", 503, "The consent relay is stopped or its batch failed; nothing was recorded"),
    // patient data DAOs (2200-2299)
    DAO_NOT_FOUND("SALUS-2200", 404, "No such patient data DAO"),
    DAO_ALREADY_MEMBER("SALUS-2201", 409, "This person or address is a member of the DAO already"),
    DAO_NOT_MEMBER("SALUS-2202", 403, "Only members of the DAO (at the proposal's snapshot) propose and vote"),
    DAO_MEMBERSHIP_SOULBOUND("SALUS-2203", 409, "A DAO membership never moves: transfers and approvals revert"),
    DAO_CREDITS_EXCEEDED("SALUS-2204", 422, "The votes cost more voting credits (votes squared) than are left"),
    DAO_PROPOSAL_OUTSIDE_POLICY("SALUS-2205", 422,
            "A DAO proposal may only change the DAO's marketplace policy or grant from its treasury"),
    DAO_PROPOSAL_WRONG_STATE("SALUS-2206", 409, "The proposal is not in the state this step needs"),
    DAO_ALREADY_VOTED("SALUS-2207", 409, "This member voted on the proposal already"),
    DAO_WRONG_ADMISSION_PATH("SALUS-2208", 422,
            "The DAO admits by the other path (zero-knowledge proof or verified credential)"),
    DAO_INVALID_TERMS("SALUS-2209", 422, "Invalid DAO terms or settings"),
    DAO_NOT_ADMITTED("SALUS-2210", 403, "The address was not admitted to the DAO's scope by a proof");

    private final String code;
    private final int httpStatus;
    private final String title;

    ErrorCode(String code, int httpStatus, String title) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
