from django.urls import path

from . import sso_cas, sso_oidc, views, views_audit, views_import, views_security, views_service, views_signin

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("sso/oidc/login/", sso_oidc.LoginView.as_view(), name="sso_oidc_login"),
    path("sso/oidc/callback/", sso_oidc.CallbackView.as_view(), name="sso_oidc_callback"),
    path("sso/cas/login/", sso_cas.cas_login, name="sso_cas_login"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/tokens/", views.my_tokens, name="my_tokens"),
    path("account/2fa/", views_signin.otp_setup, name="otp_setup"),
    path("account/2fa/verify/", views_signin.otp_verify, name="otp_verify"),
    path("audit/", views_audit.audit_log, name="audit_log"),
    path("security/accounts/", views_security.account_security, name="account_security"),
    path("security/accounts/<int:pk>/unlock/", views_security.account_unlock, name="account_unlock"),
    path("security/accounts/<int:pk>/otp-reset/", views_security.account_otp_reset, name="account_otp_reset"),
    path(
        "security/accounts/<int:pk>/reset-password/",
        views_security.account_reset_password,
        name="account_reset_password",
    ),
    path("orgs/", views.org_tree, name="org_tree"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("users/", views.user_list, name="user_list"),
    path("service-accounts/", views_service.service_account_list, name="service_accounts"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/import/", views_import.import_orgs_and_accounts, name="user_import"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/identities/", views.user_identities, name="user_identities"),
    path("users/<int:pk>/reset-password/", views.user_reset_password, name="user_reset_password"),
]
