package io.chefsache.security;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderFactory;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;

/**
 * Camunda's LDAP identity plugin, configured from {@link LdapSettings}, whose sessions show the engine
 * Chefsache's groups ({@link DirectoryIdentitySession}). The plugin's documented entry point is this
 * class in its {@code impl} package; its configuration is the plugin itself.
 */
class DirectoryIdentityPlugin extends LdapIdentityProviderPlugin {

  private final DirectoryGroups mapping;
  private final Map<String, String> groupNames;
  private final BreakGlassAdmin breakGlass;

  DirectoryIdentityPlugin(LdapSettings settings, DirectoryGroups mapping, Map<String, String> groupNames,
      BreakGlassAdmin breakGlass) {
    this.mapping = mapping;
    this.groupNames = groupNames;
    this.breakGlass = breakGlass;
    setServerUrl(settings.url());
    setManagerDn(settings.bindDn());
    setManagerPassword(settings.bindPassword());
    setBaseDn(settings.baseDn());
    setUserSearchBase(blankIfNull(settings.userSearchBase()));
    setUserSearchFilter(settings.userSearchFilter());
    setUserIdAttribute(settings.userIdAttribute());
    setUserFirstnameAttribute(settings.userFirstNameAttribute());
    setUserLastnameAttribute(settings.userLastNameAttribute());
    setUserEmailAttribute(settings.userEmailAttribute());
    setGroupSearchBase(blankIfNull(settings.groupSearchBase()));
    setGroupSearchFilter(settings.groupSearchFilter());
    setGroupIdAttribute(settings.groupNameAttribute());
    setGroupNameAttribute(settings.groupNameAttribute());
    setGroupMemberAttribute(settings.groupMemberAttribute());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    var factory = new LdapIdentityProviderFactory() {
      @Override
      public Session openSession() {
        return new DirectoryIdentitySession(ldapConfiguration, mapping, groupNames, breakGlass);
      }
    };
    factory.setLdapConfiguration(this);
    configuration.setIdentityProviderSessionFactory(factory);
  }

  private static String blankIfNull(String value) {
    return value == null ? "" : value;
  }
}
