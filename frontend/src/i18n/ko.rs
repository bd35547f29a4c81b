//! 한국어 (default).

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        SiteName => "함께혁신",
        SiteTagline => "국민과 함께 만드는 정부혁신",
        SkipToContent => "본문 바로가기",
        NavHome => "홈",
        NavFeedback => "누리집 의견",
        NavMain => "주 메뉴",
        LanguageLabel => "언어 선택",
        ScreenSize => "화면 크기",
        ScreenSizeSmall => "작게",
        ScreenSizeNormal => "보통",
        ScreenSizeLarge => "조금 크게",
        ScreenSizeLarger => "크게",
        ScreenSizeLargest => "가장 크게",
        ScreenSizeReset => "초기화",
        HomeTitle => "국민이 제안하고, 함께 논의하고, 정부가 실행합니다",
        HomeLead => {
            "함께혁신은 국민·기관·협의회 위원이 정부혁신 과제를 제안하고, 찬반 토론과 공감으로 다듬고, 심사를 거쳐 중점과제로 선정된 과제의 실행까지 공개하는 참여 플랫폼입니다."
        }
        HomeHowTitle => "혁신과제가 실현되는 과정",
        StepPropose => "제안",
        StepProposeText => "국민, 기관, 협의회 위원 누구나 혁신과제를 제안합니다.",
        StepDeliberate => "숙의",
        StepDeliberateText => "찬성·반대 의견과 대면·비대면 융합 회의로 과제를 다듬습니다.",
        StepSupport => "공감",
        StepSupportText => "한 사람이 한 과제에 한 번 공감할 수 있습니다.",
        StepReview => "심사",
        StepReviewText => "심사위원회가 평가 기준에 따라 점수를 매기고 이해충돌을 신고합니다.",
        StepSelect => "선정",
        StepSelectText => "중점과제를 선정하고 그 이유를 공개합니다.",
        StepExecute => "실행",
        StepExecuteText => "과제별 TF가 추진 일정과 성과를 공개하고, 협업SOS가 어려움을 돕습니다.",
        HomeAreasTitle => "혁신 분야",
        HomeRegionsTitle => "참여 지역",
        HomeRegionsText => "전국 단위 과제와 17개 시·도의 지역 과제를 함께 다룹니다.",
        HomeFeedbackTitle => "누리집에 대한 의견을 들려주세요",
        HomeFeedbackText => {
            "불편한 점, 접근성 문제, 개선 아이디어를 보내 주시면 접수번호를 드립니다."
        }
        HomeFeedbackLink => "의견 보내기",
        Loading => "불러오는 중입니다…",
        LoadFailed => "정보를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
        FeedbackTitle => "누리집 의견 보내기",
        FeedbackLead => {
            "함께혁신 누리집을 쓰면서 느낀 불편, 오류, 접근성 문제나 개선 아이디어를 알려 주세요. 정책 제안은 혁신과제 제안을 이용해 주세요."
        }
        FeedbackCategory => "의견 유형",
        FeedbackCategoryIdea => "아이디어·제안",
        FeedbackCategoryBug => "오류 신고",
        FeedbackCategoryAccessibility => "접근성 문제",
        FeedbackCategoryOther => "기타",
        FeedbackMessage => "내용",
        FeedbackMessageHint => "10자 이상 2,000자 이하로 적어 주세요.",
        FeedbackEmail => "답변 받을 이메일",
        FeedbackEmailHint => "답변을 원하실 때만 적어 주세요. 답변 외의 용도로 쓰지 않습니다.",
        FeedbackSubmit => "의견 보내기",
        FeedbackSubmitting => "보내는 중…",
        FeedbackPrivacy => {
            "보내 주신 의견은 누리집 개선에만 쓰이며, 이메일은 답변 후 1년이 지나면 삭제합니다."
        }
        FeedbackThanksTitle => "의견이 접수되었습니다",
        FeedbackThanksText => "소중한 의견 감사합니다. 문의하실 때 아래 접수번호를 알려 주세요.",
        FeedbackReceipt => "접수번호",
        FeedbackAnother => "다른 의견 보내기",
        BackHome => "홈으로",
        Optional => "선택",
        Required => "필수",
        CharactersUnit => "자",
        ErrorSummary => "입력한 내용을 확인해 주세요.",
        ErrRequired => "필수 입력 항목입니다.",
        ErrTooShort => "글자 수가 너무 적습니다.",
        ErrTooLong => "글자 수가 너무 많습니다.",
        ErrInvalid => "올바른 값을 선택하거나 입력해 주세요.",
        ErrInvalidEmail => "name@example.kr 형식의 이메일 주소를 입력해 주세요.",
        ErrRateLimited => "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
        ErrUnavailable => "서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        ErrInternal => {
            "처리 중 문제가 생겼습니다. 입력한 내용은 그대로 있으니 잠시 후 다시 시도해 주세요."
        }
        ErrBadRequest => "요청 형식이 올바르지 않습니다.",
        NotFoundTitle => "페이지를 찾을 수 없습니다",
        NotFoundText => "주소가 바뀌었거나 삭제된 페이지입니다. 주소를 다시 확인해 주세요.",
        FooterAbout => {
            "함께혁신은 정부혁신 과제의 제안부터 실행까지를 국민과 함께하는 오픈소스 참여 플랫폼입니다."
        }
        FooterLicense => "소스 코드는 AGPL-3.0 이상 라이선스로 공개됩니다.",
        FooterDataCredit => "예시 데이터 출처: 청와대 국민청원 게시판 공개 자료",
        NavSignIn => "로그인",
        NavSignUp => "회원가입",
        NavMe => "내 정보",
        SignOut => "로그아웃",
        SignInTitle => "로그인",
        SignInLead => "함께혁신 계정으로 로그인하면 혁신과제를 제안하고 공감할 수 있습니다.",
        EmailLabel => "이메일",
        PasswordLabel => "비밀번호",
        SignInSubmit => "로그인하기",
        NoAccount => "계정이 없으신가요?",
        SignUpTitle => "회원가입",
        SignUpLead => "이메일로 계정을 만듭니다. 비밀번호는 안전하게 암호화하여 보관합니다.",
        DisplayNameLabel => "표시 이름",
        DisplayNameHint => "제안과 의견에 함께 표시됩니다. 2자 이상 30자 이하.",
        PasswordHint => "10자 이상 128자 이하. 기억하기 쉬운 긴 문장을 권장합니다.",
        SignUpSubmit => "가입하기",
        HaveAccount => "이미 계정이 있으신가요?",
        AccountTitle => "내 정보",
        AccountEmail => "이메일",
        AccountName => "표시 이름",
        AccountLevel => "본인 확인 수준",
        LevelUnverified => "미확인",
        LevelVerified => "본인 확인됨",
        LevelOfficial => "공무원",
        AccountSince => "가입일",
        ChangePasswordTitle => "비밀번호 변경",
        CurrentPassword => "현재 비밀번호",
        NewPasswordLabel => "새 비밀번호",
        ChangePasswordSubmit => "비밀번호 바꾸기",
        PasswordChanged => "비밀번호를 바꿨습니다.",
        ErrBadCredentials => "이메일 또는 비밀번호가 맞지 않습니다.",
        ErrTaken => "이미 가입된 이메일입니다. 로그인해 주세요.",
        ErrUnauthorized => "로그인이 필요합니다.",
        AccountMenu => "계정 메뉴",
        NavAdmin => "관리",
        AccountDeleted => "회원 탈퇴가 끝났습니다. 그동안 함께해 주셔서 감사합니다.",
        Actions => "관리",
        CreatedAt => "만든 때",
        ChooseOne => "선택하세요",
        Search => "검색",
        ErrForbidden => "이 작업을 할 권한이 없습니다.",
        ErrNotFound => "찾는 항목이 없습니다. 이미 지워졌을 수 있습니다.",
        ErrConflict => {
            "지금 상태와 맞지 않아 처리하지 못했습니다. 화면을 새로 고친 뒤 다시 시도해 주세요."
        }
        ErrNameTaken => "같은 이름이 이미 있습니다.",
        ErrWrongPassword => "비밀번호가 맞지 않습니다.",
        ErrConfirmWord => "확인 문구를 정확히 입력해 주세요.",
        ErrNoAccountForEmail => {
            "이 이메일 주소로 가입한 계정을 찾을 수 없습니다. 주소를 확인해 주세요."
        }
        ErrLastSignInMethod => {
            "이 계정에 로그인할 수 있는 마지막 수단이라 연결을 해제할 수 없습니다. 다른 로그인 수단을 먼저 연결해 주세요."
        }
        ErrTooManyTokens => "API 토큰이 너무 많습니다. 쓰지 않는 토큰을 먼저 폐기해 주세요.",
        ErrAlreadyMember => "이미 이 기관의 구성원입니다.",
        ErrRoleAlreadyHeld => "이 계정은 이 범위에서 이미 이 역할을 가지고 있습니다.",
        ErrLastAdmin => {
            "마지막 전체 관리자의 역할은 회수할 수 없습니다. 먼저 다른 사람에게 관리자 역할을 부여해 주세요."
        }
        ErrScopeId => "전체가 아닌 범위에는 1 이상의 번호를 입력해 주세요.",
        ForbiddenTitle => "접근 권한이 없습니다",
        ForbiddenText => {
            "이 페이지를 볼 권한이 없습니다. 권한이 필요하면 누리집 관리자에게 문의해 주세요."
        }
        OtherSignInTitle => "다른 방법으로 로그인",
        SignInWithProvider => "{name}(으)로 로그인",
        OidcErrState => "로그인 요청을 확인하지 못했습니다. 처음부터 다시 로그인해 주세요.",
        OidcErrExpired => "로그인에 시간이 너무 오래 걸려 취소되었습니다. 다시 시도해 주세요.",
        OidcErrDenied => "로그인을 취소했거나 로그인 제공자가 허용하지 않았습니다.",
        OidcErrExchange => {
            "로그인 제공자와 로그인을 마무리하지 못했습니다. 잠시 후 다시 시도해 주세요."
        }
        OidcErrIdToken => {
            "로그인 제공자의 응답을 검증하지 못해 로그인하지 않았습니다. 다시 시도해 주세요."
        }
        OidcErrProfile => "로그인 제공자에게서 계정 정보를 받지 못했습니다. 다시 시도해 주세요.",
        OidcErrUnavailable => {
            "로그인 제공자에 연결할 수 없습니다. 잠시 후 다시 시도하거나 다른 방법으로 로그인해 주세요."
        }
        OidcErrEmailTaken => {
            "이 이메일 주소로 가입한 계정이 이미 있습니다. 비밀번호로 로그인한 뒤 내 정보 화면에서 이 로그인 수단을 연결해 주세요."
        }
        OidcErrLinkedElsewhere => "이 로그인 제공자 계정은 이미 다른 계정에 연결되어 있습니다.",
        OidcErrInternal => "로그인 처리 중 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
        OidcErrUnknown => "다른 방법으로 로그인하지 못했습니다. 다시 시도해 주세요.",
        NoPassword => "이 계정은 비밀번호 없이 연결된 로그인 수단으로만 로그인합니다.",
        LinkedLoginsTitle => "연결된 로그인",
        LinkedLoginsLead => "연결한 로그인 제공자 계정으로도 이 계정에 로그인할 수 있습니다.",
        LinkedSince => "연결일",
        NoLinkedLogins => "연결된 로그인 제공자가 없습니다.",
        Unlink => "연결 해제",
        LinkAnotherTitle => "로그인 수단 연결",
        LinkProvider => "{name} 연결하기",
        ProviderLinked => "로그인 수단을 연결했습니다.",
        ProviderUnlinked => "로그인 수단 연결을 해제했습니다.",
        ApiTokensTitle => "API 토큰",
        ApiTokensLead => {
            "스크립트나 프로그램이 함께혁신 API(/api/v1)를 내 계정으로 쓸 때 'Authorization: Bearer 토큰' 머리글로 보냅니다. 토큰은 내 계정과 같은 권한을 가지니 비밀번호처럼 보관하세요."
        }
        NoTokens => "만든 API 토큰이 없습니다.",
        TokenTableCaption => "내 API 토큰 목록",
        TokenName => "토큰 이름",
        TokenNameHint => {
            "어디에 쓰는 토큰인지 알 수 있게 이름을 붙이세요(예: 통계 스크립트). 60자 이하."
        }
        TokenPrefix => "토큰 앞부분",
        TokenLastUsed => "마지막 사용",
        TokenExpires => "만료",
        TokenExpiresIn => "유효 기간",
        TokenNeverUsed => "사용 기록 없음",
        TokenNeverExpires => "만료 없음",
        TokenDays30 => "30일",
        TokenDays90 => "90일",
        TokenDays365 => "1년",
        TokenCreateTitle => "새 토큰 만들기",
        TokenCreate => "토큰 만들기",
        TokenCreated => "새 API 토큰을 만들었습니다:",
        TokenValue => "토큰",
        TokenShownOnce => {
            "이 토큰은 지금 한 번만 보여 드립니다. 지금 복사해 안전한 곳에 보관하세요. 잃어버리면 폐기하고 새로 만들어야 합니다."
        }
        TokenRevoke => "폐기",
        TokenRevoked => "API 토큰을 폐기했습니다. 이제 이 토큰으로는 API를 쓸 수 없습니다.",
        ExportTitle => "내 정보 내려받기",
        ExportLead => {
            "함께혁신이 내 계정에 대해 가진 정보(계정, 연결된 로그인, 소속 기관, 역할, API 토큰 목록, 누리집 의견, 활동 기록)를 JSON 파일 하나로 내려받습니다."
        }
        ExportLink => "내 정보 내려받기(JSON)",
        DeleteTitle => "회원 탈퇴",
        DeleteLead => "탈퇴하면 다음과 같이 처리됩니다.",
        DeleteKeepsContributions => {
            "작성한 제안, 의견 같은 공개 기여는 남으며 '탈퇴한 사용자'가 쓴 것으로 표시됩니다."
        }
        DeleteRemovesAccess => {
            "이메일 주소, 이름, 비밀번호, 연결된 로그인, 역할, 기관 소속, API 토큰과 모든 로그인 세션이 삭제됩니다."
        }
        DeleteIsFinal => "되돌릴 수 없습니다. 필요하면 먼저 내 정보를 내려받으세요.",
        DeleteConfirmLabel => "확인 문구",
        DeleteConfirmHint => "탈퇴하려면 '{name}'을(를) 입력하세요.",
        DeleteSubmit => "회원 탈퇴",
        AdminTitle => "관리",
        AdminNavLabel => "관리 메뉴",
        AdminOverview => "개요",
        AdminLead => {
            "기관과 구성원, 계정의 역할과 본인 확인 수준을 관리하고 감사 기록을 확인합니다."
        }
        AdminScopedLead => {
            "맡은 범위(협의회, 위원회, 참여 과정, 과제 TF) 안에서 역할을 부여할 수 있습니다."
        }
        AdminOrganisations => "기관",
        AdminOrganisationsText => {
            "중앙행정기관, 지방자치단체, 공공기관, 민간·시민사회 기관과 그 구성원"
        }
        AdminUsers => "계정과 역할",
        AdminUsersText => "계정 찾기, 역할 부여와 회수, 본인 확인 수준 변경",
        AdminAudit => "감사 기록",
        AdminAuditText => "로그인, 역할 변경, 결정 등 보안과 관련된 기록",
        KindCentralAgency => "중앙행정기관",
        KindLocalGovernment => "지방자치단체",
        KindPublicInstitution => "공공기관",
        KindPrivate => "민간·시민사회",
        NoOrganisations => "등록된 기관이 없습니다.",
        OrganisationTableCaption => "기관 목록: 기관명, 유형, 지역, 구성원 수",
        OrganisationName => "기관명",
        OrganisationKindLabel => "유형",
        OrganisationRegion => "지역(시·도)",
        OrganisationRegionHint => {
            "지방자치단체는 시·도를 꼭 선택하세요. 다른 유형은 지역을 저장하지 않습니다."
        }
        OrganisationMemberCount => "구성원 수",
        RegionNone => "해당 없음",
        OrganisationCreateTitle => "기관 추가",
        OrganisationCreate => "기관 추가",
        OrganisationCreated => "기관을 추가했습니다.",
        BackToOrganisations => "← 기관 목록",
        MembersTitle => "구성원",
        NoMembers => "구성원이 없습니다.",
        MemberTitle => "직함",
        MemberRemove => "빼기",
        MemberAddTitle => "구성원 추가",
        MemberAdd => "구성원 추가",
        MemberEmailHint => "함께혁신에 가입한 계정의 이메일 주소를 입력하세요.",
        MemberAdded => "구성원을 추가했습니다.",
        MemberRemoved => "구성원을 뺐습니다.",
        UsersNotListed => {
            "계정 목록은 전체 관리자만 볼 수 있습니다. 아래에서 맡은 범위의 역할을 부여할 수 있습니다."
        }
        UserSearchLabel => "이름 또는 이메일로 찾기",
        UsersShownNote => "최근 가입한 순서로 최대 {limit}개 계정을 보여 줍니다.",
        NoUsers => "찾는 계정이 없습니다.",
        UserTableCaption => "계정 목록: 이름, 이메일, 본인 확인 수준, 소속 기관, 역할",
        UserOrganisations => "소속 기관",
        UserRoles => "역할",
        UserDeleted => "탈퇴",
        LevelChange => "변경",
        LevelSet => "본인 확인 수준을 바꿨습니다.",
        RoleRevoke => "회수",
        RoleGranted => "역할을 부여했습니다.",
        RoleRevoked => "역할을 회수했습니다.",
        RoleForumMember => "포럼위원",
        RoleCommitteeMember => "심사위원",
        RoleTaskForceMember => "과제 TF 위원",
        RoleSosResponder => "협업SOS 담당",
        RoleModerator => "운영자",
        RoleAdmin => "관리자",
        ScopeGlobal => "전체",
        ScopeCouncil => "협의회",
        ScopeCommittee => "위원회",
        ScopeProcess => "참여 과정",
        ScopeTaskForce => "과제 TF",
        GrantTitle => "역할 부여",
        GrantRoleLabel => "역할",
        GrantScopeLabel => "적용 범위",
        GrantScopeIdLabel => "범위 번호",
        GrantScopeIdHint => {
            "전체가 아니면 해당 협의회, 위원회, 참여 과정 또는 과제 TF의 번호를 입력하세요. 전체이면 비워 두세요."
        }
        GrantSubmit => "역할 부여",
        AuditLead => "최근 {limit}건을 최신순으로 보여 줍니다. 시각은 한국 표준시(KST)입니다.",
        NoAuditEntries => "감사 기록이 없습니다.",
        AuditTime => "시각(KST)",
        AuditActor => "행위자",
        AuditAction => "작업",
        AuditTarget => "대상",
        AuditIp => "IP 주소",
        AuditNoActor => "시스템",
        NavProposals => "제안",
        ProposalsTitle => "혁신과제 제안",
        ProposalsLead => "국민이 제안한 정부혁신 과제를 찾아보고, 의견을 나누고, 공감해 주세요.",
        NewProposal => "제안하기",
        FilterTitle => "검색 조건",
        SearchLabel => "검색어",
        FilterProcess => "참여 과정",
        FilterArea => "분야",
        FilterRegion => "지역",
        FilterStatus => "상태",
        FilterTag => "태그",
        FilterSort => "정렬",
        FilterAll => "전체",
        FilterSubmit => "검색",
        SortNewest => "최신순",
        SortMostSupported => "공감 많은 순",
        SortMostDiscussed => "의견 많은 순",
        SortRandom => "무작위",
        ResultCount => "검색 결과",
        ResultUnit => "건",
        NoProposals => "조건에 맞는 제안이 없습니다.",
        NextPage => "다음 페이지",
        SupportCountLabel => "공감",
        CommentCountLabel => "의견",
        StatusDraft => "임시 저장",
        StatusPublished => "공개",
        StatusUnderReview => "심사 중",
        StatusShortlisted => "후보 선정",
        StatusSelected => "선정",
        StatusInProgress => "추진 중",
        StatusCompleted => "완료",
        StatusNotSelected => "미선정",
        StatusWithdrawn => "철회",
        StatusHidden => "숨김",
        ProposalAuthor => "제안자",
        DeletedUser => "탈퇴한 사용자",
        ProposalOrganisations => "협업 기관",
        ProposalTags => "태그",
        ProposalProblem => "현황·문제점",
        ProposalSolution => "개선방안",
        ProposalEffect => "기대효과",
        ProposalPublishedAt => "게시일",
        SupportTitle => "공감",
        SupportButton => "공감하기",
        WithdrawSupport => "공감 취소",
        Supported => "공감했습니다",
        SignInToSupport => "로그인하고 공감하기",
        SignInToComment => "로그인하고 의견 남기기",
        Follow => "이 제안 알림 받기",
        Unfollow => "알림 그만 받기",
        EditProposal => "제안 수정",
        AlignmentTitle => "찬반 의견 분포",
        AlignmentFor => "찬성",
        AlignmentNeutral => "중립",
        AlignmentAgainst => "반대",
        TimelineTitle => "진행 경과",
        EventCreated => "제안 작성",
        EventPublished => "제안 공개",
        EventStatusChanged => "상태 변경",
        EventThresholdReached => "공감 기준 도달",
        EventOther => "기록",
        DiscussionTitle => "의견",
        NoComments => "아직 의견이 없습니다. 첫 의견을 남겨 주세요.",
        CommentFormTitle => "의견 남기기",
        CommentAlignment => "이 제안에 대해",
        CommentBody => "의견 내용",
        CommentBodyHint => "2~3,000자. 마크다운을 쓸 수 있습니다.",
        CommentSubmit => "의견 등록",
        Reply => "답글",
        ReplySubmit => "답글 등록",
        ReplyBody => "답글 내용",
        CommentDeleted => "삭제된 의견입니다.",
        CommentHidden => "운영 정책에 따라 숨겨진 의견입니다.",
        CommentEdited => "수정됨",
        VoteUp => "추천",
        VoteDown => "비추천",
        ReportTitle => "신고하기",
        ReportReason => "신고 사유",
        ReportSpam => "광고·스팸",
        ReportOffensive => "욕설·비방",
        ReportOffTopic => "주제와 무관",
        ReportPersonalData => "개인정보 노출",
        ReportSubmit => "신고",
        Reported => "신고가 접수되었습니다.",
        NewProposalTitle => "혁신과제 제안하기",
        EditProposalTitle => "제안 수정하기",
        ProposalFormLead => "현황과 문제점, 개선방안, 기대효과를 나누어 적어 주세요.",
        ProposalTitleLabel => "제목",
        ProposalTitleHint => "5~100자",
        ProposalProblemHint => "20~5,000자",
        ProposalSolutionHint => "20~5,000자",
        ProposalEffectHint => "10~3,000자",
        ProposalTagsHint => "쉼표로 구분, 5개까지",
        SaveDraft => "임시 저장",
        Publish => "게시",
        SimilarTitle => "비슷한 제안이 있습니다 — 공감으로 힘을 보태 보세요",
        NotificationsTitle => "알림",
        NotificationsLink => "알림",
        UnreadCount => "읽지 않은 알림",
        NoNotifications => "알림이 없습니다.",
        MarkAllRead => "모두 읽음",
        Unread => "읽지 않음",
        NotifComment => "{actor}님이 「{title}」에 의견을 남겼습니다.",
        NotifReply => "{actor}님이 「{title}」의 내 의견에 답글을 남겼습니다.",
        NotifStatusChanged => "「{title}」의 상태가 바뀌었습니다: {to}",
        NotifThresholdReached => "「{title}」이(가) 공감 기준에 도달해 심사로 넘어갑니다.",
        NotifHidden => "「{title}」에 쓴 글이 숨겨졌습니다. 사유: {reason}",
        NotifRestored => "「{title}」에 쓴 글이 다시 공개되었습니다.",
        NotifOther => "「{title}」에 새 소식이 있습니다.",
        ModerationTitle => "신고 관리",
        ModerationEmpty => "처리할 신고가 없습니다.",
        ModerationReports => "신고 수",
        ModerationHide => "숨기기",
        ModerationRestore => "다시 공개",
        ModerationReason => "처리 사유",
        ModerationKindProposal => "제안",
        ModerationKindComment => "의견",
        ModerationHiddenNow => "숨김 상태",
        ModerationDone => "처리했습니다.",
        StatusChangeTitle => "상태 변경과 공식 답변",
        StatusChangeLead => {
            "심사 결과에 따라 제안의 상태를 바꾸고 공식 답변을 남깁니다. 답변은 진행 기록에 공개되고, 제안자와 구독자에게 알림이 갑니다."
        }
        StatusNew => "바꿀 상태",
        StatusAnswer => "공식 답변",
        StatusAnswerHint => "선택 사항, 5,000자까지",
        StatusSubmit => "상태 바꾸기",
        StatusChanged => "상태를 바꾸고 제안자와 구독자에게 알렸습니다.",
        ErrStatusTransition => {
            "지금 상태에서는 그 상태로 바꿀 수 없습니다. 화면을 새로 고쳐 현재 상태를 확인해 주세요."
        }
        NotifAnswer => "답변: {answer}",
        CommentEdit => "수정",
        CommentEditBody => "의견 고쳐 쓰기",
        CommentEditSubmit => "수정 내용 저장",
        CommentDelete => "삭제",
        CommentDeleteConfirm => {
            "이 의견을 삭제합니다. 답글이 달린 의견은 ‘삭제된 의견입니다.’라는 표시만 남습니다."
        }
        CommentDeleteSubmit => "삭제하기",
        CommentDeletedNotice => "의견을 삭제했습니다.",
        ProposalOrganisationsHint => {
            "함께 추진할 기관을 고르세요. 선택 사항이며 10곳까지 고를 수 있습니다."
        }
        AdminProcesses => "참여 과정",
        AdminProcessesText => "공모의 제목과 설명, 단계별 일정, 공감 기준",
        NoProcesses => "관리할 참여 과정이 없습니다.",
        ProcessTableCaption => "관리할 수 있는 참여 과정",
        ProcessTitle => "제목",
        ProcessSlug => "주소 이름",
        ProcessSlugHint => "영문 소문자, 숫자, 하이픈(-)으로 3~80자 (예: 2026-national)",
        ProcessDescription => "설명",
        ProcessDescriptionHint => "선택 사항, 10,000자까지",
        AreaAny => "분야 제한 없음",
        RegionAny => "지역 제한 없음",
        ProcessProposeLevel => "제안에 필요한 본인 확인",
        ProcessSupportLevel => "공감에 필요한 본인 확인",
        ProcessThreshold => "심사 회부 공감 수",
        ProcessThresholdHint => "1~10,000,000, 비워 두면 100",
        ProcessPerPerson => "1인당 공감 수 제한",
        ProcessPerPersonHint => "비워 두면 제한이 없습니다.",
        ProcessPhases => "단계별 일정",
        ProcessPhasesHint => {
            "한국 표준시(KST)로 입력합니다. 시작과 끝을 모두 비워 두면 그 단계는 없습니다."
        }
        PhaseStarts => "시작",
        PhaseEnds => "끝",
        PhaseIntake => "제안 접수",
        PhaseDeliberation => "숙의",
        PhaseReview => "심사",
        PhaseSelection => "선정",
        PhaseExecution => "실행",
        PhaseNone => "진행 중인 단계 없음",
        ErrPhaseDates => "시작과 끝을 모두 입력하고, 시작이 끝보다 앞서게 해 주세요.",
        ProcessCurrentPhase => "현재 단계",
        ProcessProposalCount => "제안 수",
        ProcessCreateTitle => "새 참여 과정 만들기",
        ProcessCreate => "만들기",
        ProcessSave => "저장",
        ProcessCreated => "참여 과정을 만들었습니다.",
        ProcessSaved => "변경 내용을 저장했습니다.",
        ProcessEditTitle => "참여 과정 고치기",
        BackToProcesses => "참여 과정 목록으로",
        // Committee review (심사)
        NavReviews => "심사",
        AccountNumber => "계정 번호",
        AdminCommittees => "심사위원회",
        AdminCommitteesText => {
            "과정별 심사위원회를 꾸리고 위원을 지정하며, 평가 기준과 대상을 정해 심사를 준비합니다."
        }
        CommitteesLead => {
            "내가 관리하는 참여 과정의 심사위원회입니다. 위원회를 만든 뒤 위원을 지정하고 심사를 준비하세요."
        }
        NoCommittees => "아직 심사위원회가 없습니다.",
        CommitteeTableCaption => "심사위원회 목록",
        CommitteeName => "위원회 이름",
        CommitteeDescription => "설명",
        CommitteeMemberCount => "위원 수",
        CommitteeRoundCount => "심사 수",
        CommitteeCreateTitle => "새 심사위원회 만들기",
        CommitteeCreate => "위원회 만들기",
        CommitteeCreated => "심사위원회를 만들었습니다. 이제 위원을 지정하세요.",
        BackToCommittees => "심사위원회 목록으로",
        CommitteeLabel => "심사위원회",
        CommitteeMembers => "위원",
        NoCommitteeMembers => {
            "아직 위원이 없습니다. 아래에서 위원을 추가하세요 (위원장을 한 명 이상 지정해야 합니다)."
        }
        MemberKindLabel => "위원 구분",
        MemberKindExpert => "전문가",
        MemberKindCivilian => "민간위원",
        MemberKindOfficial => "공무원",
        MemberOrganisation => "소속 기관",
        MemberOrganisationHint => {
            "위원이 속한 기관입니다. 같은 기관이 낸 제안은 이해충돌로 자동 제외됩니다."
        }
        NoOrganisation => "소속 기관 없음",
        MemberChair => "위원장",
        MemberChairLabel => "위원장으로 지정",
        MemberChairHint => {
            "위원장은 진행 상황을 보고, 알림을 보내고, 심사를 마감하며, 선정 결정을 내립니다."
        }
        ChairMake => "위원장 지정",
        ChairUnset => "위원장 해제",
        ChairSet => "위원장 지정을 바꿨습니다.",
        CommitteeMemberAddTitle => "위원 추가",
        CommitteeMemberAdd => "위원 추가",
        CommitteeMemberAdded => "위원을 추가했습니다.",
        CommitteeMemberRemoved => "위원을 뺐습니다.",
        MemberAccount => "이메일 또는 계정 번호",
        MemberAccountHint => {
            "가입한 계정의 이메일 주소나 계정 번호를 입력하세요. 계정 번호는 계정 목록에서 확인할 수 있습니다."
        }
        MemberAccountsLink => "계정 목록 보기",
        ErrNoAccount => "그 이메일 주소나 번호의 계정이 없습니다.",
        ErrAlreadyCommitteeMember => "이미 이 위원회의 위원입니다.",
        ErrNeedChair => "위원 중 한 명 이상을 위원장으로 지정해야 합니다.",
        ErrMembership => {
            "위원 목록을 저장할 수 없습니다. 같은 사람이 두 번 있거나, 없는 계정이나 기관이거나, 위원 구분이 잘못되었습니다."
        }
        CommitteeRounds => "이 위원회의 심사",
        RoundCreateTitle => "새 심사 준비하기",
        RoundCreate => "심사 만들기",
        RoundCreated => "심사를 만들었습니다. 준비가 끝나면 심사를 시작하세요.",
        RoundTitle => "심사",
        RoundDescription => "설명",
        RoundState => "상태",
        RoundStateDraft => "준비 중",
        RoundStateOpen => "심사 중",
        RoundStateClosed => "마감",
        RoundDeadline => "마감 일시",
        RoundDeadlineHint => "한국 표준시(KST)로 입력합니다.",
        RoundProposalCount => "심사 대상 제안 수",
        RoundMethod => "점수 집계 방식",
        RoundPublicWeight => "국민 선호 반영 비율(%)",
        RoundPublicWeightHint => {
            "0~100. 종합 점수 = (100 − 비율)% × 위원회 점수 + 비율% × 국민 선호 점수(공감 수 기준)."
        }
        RoundBlind => "블라인드 심사",
        RoundBlindHint => "심사위원에게 제안자와 소속 기관을 보여 주지 않습니다.",
        RoundReviewers => "제안당 심사위원 수",
        RoundReviewersHint => {
            "1~50. 비워 두면 위원 전원이 모든 제안을 심사합니다. 이해충돌이 있는 위원은 자동으로 빠집니다."
        }
        RoundReviewersAll => "위원 전원",
        RoundReviewersEach => "제안마다 {n}명",
        RoundClosedAt => "마감한 때",
        CriteriaTitle => "평가 기준",
        CriteriaHint => {
            "기준마다 이름, 가중치(1~100), 점수 범위(최저~최고, 비워 두면 1~5)를 입력합니다. 이름과 가중치가 모두 빈 줄은 무시합니다."
        }
        CriterionName => "기준",
        CriterionWeight => "가중치",
        CriterionShare => "비중",
        CriterionScale => "점수 범위",
        ScaleMin => "최저 점수",
        ScaleMax => "최고 점수",
        ErrCriterionRow => {
            "이름(1~60자), 가중치(1~100의 정수), 최저 점수보다 큰 최고 점수(−100~100)를 확인하세요. 이름이 같은 기준은 둘 수 없습니다."
        }
        DefaultCriterionImpact => "국민 체감도",
        DefaultCriterionFeasibility => "실현 가능성",
        DefaultCriterionInnovation => "혁신성",
        DefaultCriterionCollaboration => "협업 필요성",
        EligibilityTitle => "심사 대상",
        EligibilityHint => {
            "심사를 시작할 때 아래 조건에 맞는 이 과정의 공개 제안이 대상으로 정해집니다. 제안 번호를 직접 적으면 그 제안만 심사합니다."
        }
        EligibilityStatuses => "제안 상태",
        EligibilityMinSupports => "최소 공감 수",
        EligibilityMinSupportsHint => "비워 두면 제한이 없습니다.",
        EligibilityProposalIds => "직접 고른 제안 번호",
        EligibilityProposalIdsHint => "쉼표로 구분합니다 (예: 12, 15, 31).",
        AggregationMean => "평균",
        AggregationTrimmedMean => "절사 평균",
        AggregationZScore => "표준 점수(Z점수)",
        AggregationMeanHint => "심사위원 총점의 단순 평균입니다.",
        AggregationTrimmedMeanHint => {
            "총점이 셋 이상이면 가장 높은 점수와 가장 낮은 점수를 하나씩 빼고 평균합니다."
        }
        AggregationZScoreHint => {
            "심사위원마다 점수를 표준화해 후하거나 박한 채점 경향을 상쇄합니다 (50 + 10 × 평균 Z)."
        }
        Yes => "예",
        No => "아니요",
        MyRoundsTitle => "내 심사",
        MyRoundsLead => "내가 위원으로 참여하는 심사위원회의 심사입니다.",
        MyRoundsCaption => "내 심사 목록",
        NoRounds => "아직 심사가 없습니다.",
        BackToMyRounds => "내 심사 목록으로",
        BackToRound => "심사로 돌아가기",
        RoundOpenTitle => "심사 시작",
        RoundOpenLead => {
            "시작하면 대상 제안이 확정되고, 이해충돌을 확인한 뒤 심사위원을 고르게 배정하며, 위원들에게 알림을 보냅니다. 시작한 뒤에는 설정을 바꿀 수 없습니다."
        }
        RoundOpen => "심사 시작하기",
        RoundOpened => "심사를 시작했습니다. 심사위원에게 알림을 보냈습니다.",
        ErrRoundOpen => {
            "심사를 시작할 수 없습니다. 조건에 맞는 제안이나 위원이 없거나, 이미 시작한 심사입니다."
        }
        ErrRoundState => {
            "지금 심사 상태에서는 할 수 없는 일입니다 (준비 중이거나 이미 마감된 심사)."
        }
        RoundCloseTitle => "심사 마감",
        RoundCloseLead => {
            "마감하면 점수와 공감 수가 확정되고 심사 결과가 공개됩니다. 되돌릴 수 없습니다."
        }
        RoundClose => "심사 마감하기",
        RoundClosed => "심사를 마감했습니다. 결과가 공개되었습니다.",
        RankingLink => "순위 보기",
        ReportLink => "심사 결과 보기",
        QueueTitle => "내가 심사할 제안",
        QueueProgress => "제출한 심사표",
        QueueEmpty => "배정된 제안이 없습니다.",
        SubmittedOfTotal => "{total}건 중 {submitted}건 제출",
        ProposalColumn => "제안",
        SheetStateLabel => "심사표 상태",
        SheetNotStarted => "시작 전",
        SheetDraft => "임시 저장",
        SheetSubmitted => "제출",
        SheetUpdatedAt => "마지막 저장",
        ProgressTitle => "진행 상황",
        RoundProgress => "전체 진행",
        ProgressByReviewer => "심사위원별",
        ProgressByProposal => "제안별",
        ProgressAssigned => "배정",
        ProgressReviewers => "심사위원",
        ReviewerName => "심사위원",
        ConflictsCount => "이해충돌",
        ConflictsTitle => "이해충돌",
        NoConflicts => "이해충돌이 없습니다.",
        ConflictSource => "확인 방법",
        ConflictAutomatic => "자동 확인(같은 기관)",
        ConflictOwnProposal => "제안자 본인입니다.",
        ConflictSameOrganisation => "제안자 또는 협업 기관과 같은 기관 소속입니다.",
        ConflictAutomaticReason => {
            "자동으로 확인된 이해충돌입니다 (블라인드 심사 중에는 사유를 공개하지 않습니다)."
        }
        ConflictDeclared => "본인 신고",
        ConflictReason => "사유",
        ConflictDate => "등록 일시",
        SendReminders => "미제출 위원에게 알림 보내기",
        SendRemindersHint => "아직 제출하지 않은 심사표가 있는 위원에게만 알림이 갑니다.",
        RemindersSent => "심사위원 {n}명에게 알림을 보냈습니다.",
        ReviewProposalTitle => "제안 심사",
        BlindNotice => "블라인드 심사입니다. 제안자와 소속 기관은 보이지 않습니다.",
        PublicProposalLink => "공개 제안 페이지 보기",
        ConflictedNotice => {
            "이 제안과 이해충돌이 있어 심사에서 제외되었습니다. 점수와 위원회 논의를 볼 수 없습니다."
        }
        NotAssignedNotice => "이 제안은 나에게 배정되지 않았습니다.",
        SheetTitle => "심사표",
        SheetTotal => "총점(100점 만점)",
        SheetSubmittedAt => "제출한 때",
        SheetSavedNotice => "심사표를 임시 저장했습니다.",
        SheetSubmittedNotice => "심사표를 제출했습니다.",
        SheetRoundNotOpen => "심사가 시작되면 점수를 매길 수 있습니다.",
        SheetRoundClosed => "마감된 심사입니다. 점수를 바꿀 수 없습니다.",
        ScoreScaleHint => "{scale}점 중에서 고르세요.",
        ScoreLabel => "점수",
        ScoresCaption => "기준별 점수와 의견",
        CriterionComment => "의견",
        SheetComment => "종합 의견",
        SheetSubmitHint => {
            "제출하려면 모든 기준에 점수를 매겨야 합니다. 제출한 뒤에도 마감 전까지 고쳐 다시 제출할 수 있으며, 이전 제출 내용은 기록으로 남습니다."
        }
        SheetSave => "임시 저장",
        SheetSubmit => "제출",
        SheetHistoryTitle => "제출 기록",
        SheetVersion => "차수",
        ConflictDeclareTitle => "이해충돌 신고",
        ConflictDeclareLead => {
            "이 제안과 이해관계가 있으면 사유를 적어 신고하세요. 신고하면 이 제안의 심사에서 빠지고 다른 위원이 배정됩니다."
        }
        ConflictDeclareSubmit => "신고하기",
        ConflictDeclaredNotice => "이해충돌을 신고했습니다. 이 제안의 심사에서 빠졌습니다.",
        ErrConflictAlreadyDeclared => "이미 이 제안에 대한 이해충돌을 신고했습니다.",
        PeerSheetsTitle => "다른 심사위원의 심사표",
        PeerSheetsLocked => "제출 후 다른 심사위원의 점수를 볼 수 있습니다.",
        PeerSheetsEmpty => "아직 제출한 다른 심사위원이 없습니다.",
        ReviewDiscussionTitle => "위원회 논의",
        ReviewDiscussionLead => "위원회 위원만 보는 비공개 논의입니다.",
        NoMessages => "아직 논의가 없습니다.",
        ReviewMessage => "의견 남기기",
        ReviewMessageSubmit => "등록",
        RankingTitle => "심사 순위",
        RankingLead => {
            "종합 점수 순입니다. 점수 분포는 심사위원 총점을 0~100 축 위의 점으로 보여 줍니다."
        }
        RankingCaption => "제안별 심사 순위와 점수",
        RankingEmpty => "순위를 매길 제안이 없습니다.",
        RankLabel => "순위",
        CommitteeScore => "위원회 점수",
        PublicScore => "국민 선호 점수",
        CombinedScore => "종합 점수",
        TotalsCount => "제출 수",
        SpreadLabel => "점수 분포",
        NoTotals => "아직 제출된 점수가 없습니다",
        Disagreement => "의견 차이 큼",
        DisagreementHint => "심사위원 총점의 차이가 25점 이상입니다.",
        ConflictBadge => "이해충돌",
        DecisionLabel => "결정",
        DecisionShortlisted => "후보 선정",
        DecisionSelected => "선정",
        DecisionNotSelected => "미선정",
        RationaleLabel => "결정 사유(공개)",
        RationaleHint => "5자 이상. 제안의 진행 기록에 공식 답변으로 공개됩니다.",
        DecisionSubmit => "결정하기",
        DecisionSaved => "결정을 기록했습니다.",
        ErrDecisionPath => {
            "지금 제안 상태에서는 그 결정을 할 수 없습니다. 선정은 후보로 선정된 제안만 할 수 있습니다."
        }
        RationaleEdit => "결정 사유 고치기",
        RationaleSubmit => "사유 저장",
        RationaleSaved => "결정 사유를 고쳤습니다.",
        ReportTitleLabel => "심사 결과",
        ReportPending => "심사가 끝나면 결과가 공개됩니다.",
        ReportFormula => {
            "종합 점수 = (100 − {w})% × 위원회 점수 + {w}% × 국민 선호 점수. 국민 선호 점수는 가장 많이 공감받은 제안을 100으로 한 공감 수 비율입니다."
        }
        ReportDownloads => "내려받기",
        ReportCsv => "CSV 내려받기",
        ReportXlsx => "엑셀 내려받기",
        ReportRankingTitle => "순위와 점수",
        ReportDecisionsTitle => "결정과 사유",
        NoDecisions => "기록된 결정이 없습니다.",
        NotifReviewAssigned => "심사 ‘{round}’의 심사위원으로 배정되었습니다.",
        NotifTaskUpdate => "제안 ‘{title}’의 실행 과제 ‘{task}’에 새 진행 소식이 있습니다.",
        NotifReviewReminder => {
            "심사 ‘{round}’에 아직 제출하지 않은 심사표가 있습니다. 마감 전에 제출해 주세요."
        }
        NavTasks => "과제 실행",
        TasksTitle => "과제 실행 현황",
        TasksLead => {
            "선정된 제안과 기관관리 협업과제가 어떻게 실행되고 있는지 공개합니다. 진척도는 마일스톤의 가중 평균이고, 상태는 일정과 성과지표로 판단합니다."
        }
        TaskFiltersTitle => "과제 찾기",
        FilterReset => "조건 초기화",
        TaskLeadOrganisation => "주관 기관",
        TaskHealth => "상태",
        TaskKindLabel => "구분",
        TaskKindPriority => "중점 협업과제",
        TaskKindInstitutionManaged => "기관관리 협업과제",
        HealthOnTrack => "정상",
        HealthAtRisk => "주의",
        HealthDelayed => "지연",
        TaskSummaryTitle => "한눈에 보기",
        TaskCount => "과제 {n}개",
        TaskCountShort => "{n}개",
        ProgressChartTitle => "진척도별 과제 수",
        NoTasks => "조건에 맞는 과제가 없습니다.",
        TaskTableCaption => "과제 목록: 과제명, 구분, 주관 기관, 분야·지역, 진척도, 상태",
        TaskTitleLabel => "과제명",
        TaskAreaRegion => "분야 · 지역",
        TaskProgress => "진척도",
        BackToTasks => "과제 실행 현황으로",
        HealthOverriddenBecause => "상태를 직접 지정한 사유:",
        HealthDerived => "일정과 지표로 판단한 상태:",
        TaskOrganisations => "참여 기관",
        OrgRoleLead => "주관",
        OrgRolePartner => "협업",
        TaskForce => "과제별 TF",
        TaskForceEmpty => "아직 구성되지 않았습니다.",
        TaskForceLead => "TF 팀장",
        TaskForceMember => "TF 위원",
        TaskUpdatedAt => "최근 변경",
        TaskProposal => "원래 제안",
        TaskProposalLink => "이 과제가 된 국민 제안 보기",
        MilestonesTitle => "마일스톤",
        MilestonesLead => "상위 마일스톤의 진척도는 하위 마일스톤 진척도의 가중 평균입니다.",
        NoMilestones => "아직 등록된 마일스톤이 없습니다.",
        MilestoneDue => "마감일",
        MilestoneWeight => "가중치",
        MilestoneOwner => "담당자",
        MilestoneProgress => "마일스톤 진척도",
        MilestoneStatus => "진행 상태",
        MilestonePlanned => "계획",
        MilestoneInProgress => "진행 중",
        MilestoneDone => "완료",
        MilestoneDelayed => "지연",
        MilestonePercent => "진척률(%)",
        MilestoneStatusSave => "상태 저장",
        MilestoneSaved => "마일스톤 상태를 저장했습니다.",
        MilestoneAddTitle => "마일스톤 추가",
        MilestoneTitleLabel => "마일스톤 이름",
        DateHint => "예: 2027-03-31",
        MilestoneWeightHint => {
            "1–100. 비우면 1입니다. 같은 단계의 다른 마일스톤과 비교한 비중입니다."
        }
        MilestoneParent => "상위 마일스톤",
        MilestoneNoParent => "없음(최상위)",
        MilestonePercentHint => "0–100. 진행 중이거나 지연된 마일스톤에만 쓰입니다.",
        MilestoneOwnerNumber => "담당자 계정 번호",
        MilestoneOwnerHint => "담당자의 계정 번호(숫자)입니다. 비워 둘 수 있습니다.",
        MilestoneAdd => "마일스톤 추가",
        MilestoneAdded => "마일스톤을 추가했습니다.",
        IndicatorsTitle => "성과지표",
        NoIndicators => "아직 등록된 성과지표가 없습니다.",
        IndicatorBaseline => "기준값",
        IndicatorTarget => "목표값",
        IndicatorLatest => "최근 측정값",
        IndicatorAchieved => "달성률",
        NoIndicatorValues => "아직 측정값이 없습니다.",
        IndicatorValuesCaption => "측정값(최근 순)",
        IndicatorDate => "측정일",
        IndicatorValue => "측정값",
        ChartBaseline => "기준",
        ChartTarget => "목표",
        IndicatorValueRecord => "측정값 기록",
        IndicatorValueHint => "같은 날짜의 값이 이미 있으면 새 값으로 바뀝니다.",
        IndicatorValueRecorded => "측정값을 기록했습니다.",
        IndicatorAddTitle => "성과지표 추가",
        IndicatorName => "지표 이름",
        IndicatorUnit => "단위",
        IndicatorUnitHint => "예: 일, 건, %",
        IndicatorTargetHint => {
            "기준값과 달라야 합니다. 줄이는 것이 목표라면 기준값보다 작게 적습니다."
        }
        IndicatorAdd => "지표 추가",
        IndicatorAdded => "성과지표를 추가했습니다.",
        UpdatesTitle => "진행 소식",
        NoUpdates => "아직 진행 소식이 없습니다.",
        UpdateFormTitle => "진행 소식 올리기",
        UpdateBody => "내용",
        UpdateBodyHint => "5자 이상 5,000자 이하. 제안자와 제안을 구독한 사람에게 알림이 갑니다.",
        UpdateLinks => "관련 링크",
        UpdateLinksHint => "http:// 또는 https:// 로 시작하는 주소, 3개까지.",
        UpdateLinkLabel => "링크 {n}",
        UpdateSubmit => "소식 올리기",
        UpdatePosted => "진행 소식을 올렸습니다.",
        HealthFormTitle => "상태 직접 지정",
        HealthFormLead => {
            "일정과 성과지표로 판단한 상태 대신 보여 줄 상태와 그 사유를 적습니다. 사유는 공개됩니다."
        }
        HealthReason => "사유",
        HealthReasonHint => "5자 이상 1,000자 이하.",
        HealthOverride => "상태 지정",
        HealthSaved => "상태를 지정했습니다.",
        HealthClear => "직접 지정 해제(자동 판단으로)",
        HealthCleared => "직접 지정을 해제했습니다. 이제 일정과 지표로 판단합니다.",
        NavSos => "협업SOS",
        RoleSosLead => "협업SOS 책임자",
        BackToSos => "← 협업SOS로",
        DurationDays => "{n}일",
        DurationHours => "{n}시간",
        DurationMinutes => "{n}분",
        NotifTaskUpdateDirect => "과제 ‘{task}’에 새 진행 소식이 있습니다.",
        NotifSosRaised => "과제 ‘{task}’에서 협업SOS 요청이 접수되었습니다: ‘{title}’",
        NotifSosAnswered => "협업SOS 데스크가 요청 ‘{title}’에 응답했습니다({kind}).",
        NotifSosMessage => "협업SOS 요청 ‘{title}’에 과제 TF의 새 메시지가 있습니다.",
        NotifSosAssigned => "협업SOS 요청 ‘{title}’의 담당자로 지정되었습니다.",
        NotifSosEscalated => "협업SOS 요청이 상향 보고되었습니다: ‘{title}’",
        NotifSosOverdueFirstResponse => "협업SOS 요청의 첫 답변 기한이 지났습니다: ‘{title}’",
        NotifSosOverdueResolution => "협업SOS 요청의 해결 기한이 지났습니다: ‘{title}’",
        SosTitle => "협업SOS",
        SosLead => {
            "과제를 실행하는 TF가 인력(협업정원), 예산, 법령·규제, 기관 간 협업 등의 어려움을 협업SOS 데스크에 요청하면, 데스크가 정해진 서비스 수준 안에 답하고 해결을 돕습니다."
        }
        SosStatsTitle => "운영 현황",
        SosStatsLead => {
            "개별 요청, 과제, 사람을 알 수 없도록 묶어서 공개하는 통계입니다. 시간은 근무시간 기준입니다."
        }
        SosTotal => "전체 요청",
        SosResolvedCount => "해결된 요청",
        SosMedianFirstResponse => "첫 답변까지 걸린 시간(중앙값)",
        SosMedianResolution => "해결까지 걸린 시간(중앙값)",
        SosFirstResponseOnTime => "기한 안에 첫 답변한 비율",
        SosResolutionOnTime => "기한 안에 해결한 비율",
        SosNoData => "자료 없음",
        SosByCategory => "분류별 요청 수",
        SosByUrgency => "긴급도별 요청 수",
        SosLevelsTitle => "서비스 수준(처리 기한)",
        SosLevelsHint => {
            "기한은 요청 시각부터 근무시간으로 셉니다. 주말과 공휴일, 근무시간 밖은 세지 않습니다. 1일은 근무시간 하루입니다."
        }
        SosWorkingHours => "근무시간: 평일 {hours} ({zone}), 공휴일 제외",
        SosKst => "한국 표준시",
        SosKstSuffix => "(한국 표준시)",
        SosRequestsTitle => "협업SOS 요청",
        SosSignInToSee => "로그인하면 내가 속한 TF의 요청을 볼 수 있습니다.",
        SosQueueTitle => "처리 대기열",
        SosQueueCaption => "협업SOS 처리 대기열: 긴급도가 높고 오래 기다린 요청부터",
        SosQueueEmpty => "조건에 맞는 요청이 없습니다.",
        SosMineTitle => "내 TF의 요청",
        SosMineCaption => "내가 속한 TF의 협업SOS 요청",
        SosMineEmpty => "내가 속한 TF의 진행 중인 요청이 없습니다.",
        SosFiltersTitle => "요청 거르기",
        SosFilterActive => "처리 중(해결 전)",
        SosFilterMine => "나에게 배정된 요청만",
        SosFilterOverdue => "기한이 지난 요청만",
        SosCount => "요청 {n}건",
        SosOverdueCount => "그중 기한 초과 {n}건",
        SosOverdue => "기한 초과",
        SosTitleLabel => "요청 제목",
        SosTitleHint => "2자 이상 200자 이하. 데스크 대기열에 보이는 제목입니다.",
        SosCategoryLabel => "분류",
        SosUrgencyLabel => "긴급도",
        SosUrgencyHint => {
            "긴급도에 따라 처리 기한이 정해집니다(협업SOS 페이지의 서비스 수준 참고)."
        }
        SosStateLabel => "처리 상태",
        SosAssignee => "담당자",
        SosUnassigned => "미지정(데스크 전체)",
        SosWaiting => "경과 시간",
        SosFirstResponse => "첫 답변",
        SosResolution => "해결",
        SosTask => "과제",
        SosDue => "기한",
        SosTimeLeft => "남은 시간 {time}",
        SosPastBy => "기한보다 {time} 지남",
        SosDoneInTime => "기한 안에 완료({time} 걸림)",
        SosDoneLate => "기한을 넘겨 완료({time} 걸림)",
        SosCategoryStaffing => "인력(협업정원)",
        SosCategoryBudget => "예산",
        SosCategoryLaw => "법령·규제",
        SosCategoryCoordination => "기관 간 협업·조정",
        SosCategoryOther => "기타",
        SosUrgencyUrgent => "긴급",
        SosUrgencyHigh => "높음",
        SosUrgencyNormal => "보통",
        SosUrgencyLow => "낮음",
        SosStateOpen => "접수",
        SosStateAssigned => "담당자 지정",
        SosStateWaitingForInfo => "보완 요청",
        SosStateEscalated => "상향 보고",
        SosStateResolved => "해결",
        SosKindReply => "답변",
        SosKindRequestInfo => "보완 요청",
        SosKindEscalate => "상향 보고",
        SosKindResolve => "해결",
        SosOrganisations => "관련 기관",
        SosOrganisationsHint => "협조가 필요한 기관을 고릅니다(20곳까지).",
        SosNoOrganisations => "지정하지 않음",
        SosRequester => "요청자",
        SosCreated => "요청 시각",
        SosDescription => "요청 내용",
        SosDescriptionHint => {
            "10자 이상 5,000자 이하. 무엇이 막혀 있고 어떤 도움이 필요한지 적습니다."
        }
        SosTimersTitle => "처리 기한",
        SosTimersHint => "시간은 근무시간 기준으로 셉니다. 기한은 한국 표준시로 표시합니다.",
        SosElapsed => "걸린 근무시간",
        SosTimerState => "현황",
        SosDoneAt => "완료 시각",
        SosWaitingForAnswer => "아직 데스크의 답변을 기다리고 있습니다.",
        SosThreadTitle => "주고받은 메시지",
        SosNoMessages => "아직 메시지가 없습니다.",
        SosFromDesk => "협업SOS 데스크",
        SosClosed => "해결된 요청입니다. 새 어려움은 과제 페이지에서 새로 요청해 주세요.",
        SosAnswerTitle => "데스크 응답",
        SosReplyTitle => "답글 쓰기",
        SosKindLabel => "응답 종류",
        SosMessageBody => "메시지",
        SosAnswerHint => {
            "1자 이상 5,000자 이하. 요청한 TF에 알림이 갑니다. ‘해결’을 고르면 요청이 닫힙니다."
        }
        SosReplyHint => {
            "1자 이상 5,000자 이하. 데스크에 알림이 갑니다. 보완 요청에 대한 답도 여기에 씁니다."
        }
        SosSend => "보내기",
        SosPosted => "메시지를 보냈습니다.",
        SosRaised => "협업SOS 요청을 접수했습니다. 데스크에 알림이 갔습니다.",
        SosAssignTitle => "담당자 지정",
        SosAssignSubmit => "담당자 저장",
        SosAssignedNotice => "담당자를 저장했습니다.",
        SosDeskLead => "책임자",
        SosFormTitle => "협업SOS 요청",
        SosSubmit => "SOS 요청하기",
        TaskSosTitle => "협업SOS",
        TaskSosLead => {
            "과제 실행이 막혔을 때 협업SOS 데스크에 도움을 요청합니다. 요청과 답변은 이 TF와 데스크만 볼 수 있습니다."
        }
        TaskSosLevelsLink => "서비스 수준 보기",
        TaskSosEmpty => "이 과제의 협업SOS 요청이 없습니다.",
        TaskSosCaption => "이 과제의 협업SOS 요청",
        TaskFollowers => "구독자 {n}명",
        TaskFollow => "과제 구독",
        TaskUnfollow => "구독 취소",
        TaskFollowSignIn => "로그인하고 진행 소식 구독하기",
        TaskFollowed => "과제를 구독했습니다. 진행 소식이 올라오면 알려 드립니다.",
        TaskUnfollowed => "과제 구독을 취소했습니다.",
        TaskForceFormTitle => "TF 구성",
        TaskForceFormLead => {
            "저장하면 TF 구성원 목록이 이 내용으로 바뀝니다. TF 구성원은 과제를 고치고 협업SOS를 요청할 수 있고, 책임자는 TF 구성도 바꿀 수 있습니다."
        }
        TaskForceCurrent => "현재 구성원",
        TaskForceRole => "역할",
        TaskForceRemove => "빼기",
        TaskForceAdd => "구성원 추가",
        TaskForceAddHint => "가입한 계정의 이메일 주소를 적습니다. 빈 칸은 무시합니다.",
        TaskForceEmailLabel => "이메일 {n}",
        TaskForceUnknownPerson => {
            "이메일 주소를 확인해 주세요. 가입한 계정이어야 하고, 한 사람은 한 번만 넣을 수 있습니다."
        }
        TaskForceSave => "TF 구성 저장",
        TaskForceSaved => "TF 구성을 저장했습니다.",
        TaskNewTitle => "과제 만들기",
        TaskNewLead => {
            "선정된 제안을 실행할 과제를 만들거나(그 참여 과정의 관리자), 제안 없이 기관 관리 과제를 만듭니다(전체 관리자)."
        }
        TaskNoProposal => "제안 없이 만들기",
        TaskProposalHint => {
            "선정된 제안만 고를 수 있습니다. 과제를 만들면 제안은 ‘실행 중’이 됩니다."
        }
        TaskDescription => "과제 설명",
        TaskPartners => "협업기관",
        TaskPartnersHint => "주관기관 외에 함께하는 기관(50곳까지).",
        TaskCreate => "과제 만들기",
        TaskCreated => "과제를 만들었습니다.",
        AgendaMinutes => "{n}분",
        AgendaPresenter => "발표",
        AgendaProposal => "연결된 제안",
        AskButton => "질문 올리기",
        AttendanceCounts => {
            "현장 {room}/{room_registered}명 입장, 온라인 {online}/{online_registered}명 접속"
        }
        AttendanceTitle => "참석 현황",
        AttendeeList => "참석자 명단(인쇄용)",
        AttendeeListHint => {
            "인쇄해 입구에서 쓰세요. 각 QR 코드를 휴대전화 카메라로 찍으면 입장 확인 화면이 열립니다."
        }
        AttendeeMode => "참석 방식",
        AttendeePresent => "입장·접속 시각(KST)",
        AttendeeState => "신청 상태",
        BackToCouncils => "협의회 목록",
        CancelRegistration => "신청 취소",
        ChangeMode => "참석 방식 바꾸기",
        ChangeModeButton => "바꾸기",
        CheckInButton => "입장 확인",
        CheckInCodeHint => {
            "참석자가 보여 주는 10자리 코드(예: ABCDE-FGHJK). 하이픈과 대소문자는 상관없습니다."
        }
        CheckInCodeLabel => "입장 코드",
        CheckInDesk => "입장 확인",
        CheckInLead => {
            "현장 참석자의 입장 코드를 입력하거나, 휴대전화 카메라로 QR 코드를 찍어 열린 화면에서 확인을 누르세요."
        }
        CheckInProgress => "입장 {n}/{total}명",
        CheckInQrLabel => "입장 QR 코드",
        CheckedIn => "입장함",
        CheckedInNotice => "{name} 님의 입장을 확인했습니다.",
        ChooseMode => "참석 방식",
        ClosePoll => "투표 마감",
        ClosedPollsTitle => "마감된 투표 결과",
        CouncilChildren => "분과·포럼팀",
        CouncilKindCouncil => "협의회",
        CouncilKindForumTeam => "포럼팀",
        CouncilKindSubcommittee => "분과",
        CouncilMeetings => "회의",
        CouncilMembers => "위원",
        CouncilParent => "소속 협의회",
        CouncilsLead => {
            "정부혁신추진협의회와 분과, 국민 포럼팀의 회의에 현장 또는 온라인으로 참여하세요."
        }
        CouncilsTitle => "협의회와 회의",
        CreatePoll => "투표 만들기",
        CurrentItem => "지금 논의 중인 안건",
        EnterLiveRoom => "실시간 회의실 입장",
        FacilitateLiveRoom => "실시간 회의실 진행",
        FacilitatorTitle => "진행자 도구",
        GiveFloor => "발언권 주기(내리기)",
        HandCountHint => {
            "현장 입장 {checked_in}명 중 휴대전화 투표 {phone}명: 거수로 셀 수 있는 사람은 최대 {available}명입니다."
        }
        HandCountNotice => "거수 집계를 저장했습니다.",
        HandsTitle => "발언 신청",
        HideQuestion => "숨기기",
        LiveConnected => "실시간으로 연결되어 있습니다.",
        LiveNoScript => "자바스크립트 없이 보고 있습니다. 이 화면은 20초마다 새로 고쳐집니다.",
        LiveReconnecting => {
            "연결이 끊겨 다시 연결하는 중입니다. 놓친 내용은 다시 연결되면 채워집니다."
        }
        LiveResultsStaff => "진행자에게만 보이는 중간 결과입니다.",
        LiveRoomTitle => "실시간 회의실",
        LiveStatic => "새로 고쳐야 최신 내용이 보입니다.",
        LowerHand => "발언 신청 취소",
        MarkAnswered => "답변 완료",
        MeetingAgenda => "안건",
        MeetingBuiltInRoom => "이 사이트의 실시간 회의실",
        MeetingCalendar => "캘린더에 추가(.ics)",
        MeetingCancelledNotice => "참석 신청을 취소했습니다.",
        MeetingCapacity => "현장 정원",
        MeetingCounts => "현장 {room}명, 온라인 {online}명, 대기 {waiting}명",
        MeetingKindHybrid => "대면·비대면 융합",
        MeetingKindInPerson => "대면",
        MeetingKindLabel => "방식",
        MeetingKindOnline => "온라인",
        MeetingOnline => "온라인 참석",
        MeetingOnlineLinkForRegistered => "온라인 참석을 신청하면 접속 주소가 보입니다.",
        MeetingRegisteredNotice => "참석 신청이 반영되었습니다.",
        MeetingRegistrations => "신청 현황",
        MeetingSeatsLeft => "남은 자리 {n}",
        MeetingStaffTitle => "회의 운영",
        MeetingStateEnded => "종료",
        MeetingStateLabel => "상태",
        MeetingStateLive => "진행 중",
        MeetingStateUpcoming => "예정",
        MeetingTitleLabel => "회의",
        MeetingVenue => "장소",
        MeetingWhen => "일시",
        MeetingsTitle => "회의 일정",
        MemberName => "이름",
        MemberRoleChair => "위원장",
        MemberRoleLabel => "직책",
        MemberRoleMember => "위원",
        MemberSide => "구분",
        MembersOnly => "위원 전용",
        MinutesTitle => "회의록",
        MinutesWrite => "회의록 작성",
        ModeInRoom => "현장 참석",
        ModeOnline => "온라인 참석",
        MoveButton => "이동",
        MoveToItem => "안건으로 이동",
        MyCheckInCodeHint => "입구에서 이 코드나 QR 코드를 보여 주세요.",
        NavCouncils => "협의회",
        NewPoll => "새 투표",
        NoAgenda => "아직 안건이 없습니다.",
        NoAttendees => "아직 신청자가 없습니다.",
        NoCouncilMembers => "등록된 위원이 없습니다.",
        NoCouncils => "아직 협의회가 없습니다.",
        NoCurrentItem => "진행 중인 안건이 없습니다.",
        NoHands => "발언 신청이 없습니다.",
        NoItem => "안건 없음",
        NoMeetings => "볼 수 있는 회의가 없습니다.",
        NoOpenPoll => "진행 중인 투표가 없습니다.",
        NoQuestions => "아직 질문이 없습니다.",
        NoUpcomingMeetings => "예정된 회의가 없습니다.",
        NotCheckedIn => "미입장",
        OpenPoll => "투표 시작",
        OpenPollTitle => "실시간 투표",
        PastMeetings => "지난 회의",
        PollAbstain => "기권",
        PollCreatedNotice => "투표를 만들었습니다. 준비되면 시작하세요.",
        PollItemLabel => "관련 안건",
        PollKindLabel => "투표 방식",
        PollKindMultiple => "복수 선택",
        PollKindScale => "1–5점 척도",
        PollKindSingle => "단일 선택",
        PollKindYesNoAbstain => "찬성·반대·기권",
        PollMaxChoices => "최대 {n}개 선택",
        PollMaxLabel => "최대 선택 수(복수 선택)",
        PollMean => "평균",
        PollNo => "반대",
        PollOption => "선택지",
        PollOptionsHint => "단일·복수 선택일 때 한 줄에 하나씩(2–20개). 다른 방식은 비워 두세요.",
        PollOptionsLabel => "선택지",
        PollQuestion => "질문",
        PollResults => "투표 결과",
        PollStateClosed => "마감",
        PollStateDraft => "준비",
        PollStateOpen => "진행 중",
        PollTotal => "합계",
        PollVoters => "참여: 현장 {room}명, 온라인 {online}명, 거수 {hands}명",
        PollYes => "찬성",
        PollsTitle => "투표",
        PresentAt => "참석 확인",
        ProvenanceHandCount => "거수",
        ProvenanceOnline => "온라인",
        ProvenanceRoom => "현장(휴대전화)",
        QuestionAnswered => "답변 완료",
        QuestionHidden => "숨김",
        QuestionLabel => "질문이나 의견",
        QuestionPostedNotice => "질문을 올렸습니다.",
        QuestionQueued => "대기",
        QuestionsTitle => "질문과 의견",
        RaiseHand => "발언 신청",
        Refresh => "새로 고침",
        RegisterButton => "참석 신청",
        RegistrationCancelled => "취소됨",
        RegistrationClosed => "회의가 끝나 신청을 받지 않습니다.",
        RegistrationRegistered => "신청 완료",
        RegistrationTitle => "참석 신청",
        RegistrationWaitlisted => "대기",
        RequeueQuestion => "다시 대기로",
        SaveHandCount => "거수 집계 저장",
        ScannedCodeHint => {
            "QR 코드에서 읽은 코드입니다. 참석자를 확인한 뒤 ‘입장 확인’을 누르세요."
        }
        SideCivilian => "민간위원",
        SideGovernment => "정부위원",
        SignInToRegister => "참석을 신청하려면 로그인하세요.",
        UndoUpvote => "공감 취소",
        UpcomingMeetings => "예정된 회의",
        UpvoteButton => "공감",
        Upvotes => "공감 {n}",
        VoteButton => "투표하기",
        VotedNotice => "투표가 반영되었습니다.",
        WaitlistPosition => "대기 {n}번",
        YourVoteIsIn => "투표가 반영되었습니다({n}개 선택). 투표 중에는 바꿀 수 있습니다.",
        CouncilProposals => "심의한 제안",
        NoCouncilProposals => "아직 심의한 제안이 없습니다.",
        NoMinutes => "공개된 회의록이 없습니다.",
        MinutesSavedNotice => "회의록 초안을 저장했습니다.",
        MinutesPublishedNotice => {
            "회의록을 공개했습니다. 연결된 제안의 작성자와 구독자, 참석 신청자에게 알렸습니다."
        }
        MinutesPublished => "공개",
        MinutesDraft => "초안(운영진만 볼 수 있음)",
        MinutesAttendance => {
            "현장 참석 {room}명(신청 {room_registered}명), 온라인 참석 {online}명(신청 {online_registered}명)"
        }
        MinutesDecisions => "결정 사항",
        MinutesSummary => "논의 요약",
        MinutesNone => "없음",
        MinutesFormHint => {
            "안건마다 결정 사항과 논의 요약을 적으세요. 투표 결과와 참석 현황은 공개할 때 자동으로 들어갑니다. 회의가 끝난 뒤에 공개할 수 있습니다."
        }
        MinutesSave => "초안 저장",
        MinutesPublish => "공개하기",
        MinutesUpdate => "수정 내용 공개",
        NotifMeetingPresenter => {
            "회의 ‘{meeting}’의 안건 ‘{agenda}’ 발표자로 초대되었습니다({starts} KST)."
        }
        NotifMeetingPromoted => {
            "회의 ‘{title}’에 현장 자리가 나서 대기에서 참석 확정으로 바뀌었습니다."
        }
        NotifMeetingRegistrationCancelled => {
            "위원 명단이 바뀌어 위원 전용 회의 ‘{title}’의 참석 신청이 취소되었습니다."
        }
        NotifMeetingChanged => {
            "참석을 신청한 회의 ‘{title}’의 일시나 장소가 바뀌었습니다. 새 일시: {starts} KST."
        }
        NotifMeetingReminder => "내일 회의 ‘{title}’이 {starts} KST에 열립니다.",
        NotifMeetingMinutes => "회의 ‘{title}’의 회의록이 공개되었습니다.",
        EventMeetingMinutes => "회의에서 논의됨(회의록)",
        CheckInUnknown => "이 회의에 그 코드로 신청한 사람이 없습니다.",
        CheckInUsed => "이미 입장을 확인한 코드입니다.",
        CheckInWaitlisted => "대기 중인 신청자입니다. 자리가 나면 입장할 수 있습니다.",
        CheckInCancelledReg => "취소된 신청입니다.",
        CheckInOnline => "온라인 참석으로 신청한 사람입니다.",
        CheckInTooEarly => "입장 확인은 회의 시작 1시간 전부터 할 수 있습니다.",
        CheckInEnded => "회의가 끝났습니다.",
        MemberRoleSecretary => "간사",
        SaveChanges => "변경 내용 저장",
        CouncilCreateTitle => "협의회 만들기",
        CouncilCreate => "협의회 만들기",
        NewCouncilLink => "새 협의회",
        CouncilManageTitle => "협의회 관리",
        CouncilNameLabel => "이름",
        CouncilKindLabel => "구분",
        CouncilDescriptionLabel => "소개",
        CouncilParentHint => {
            "분과와 포럼팀은 소속 협의회를 고릅니다. 협의회는 다른 협의회에 속하지 않습니다."
        }
        NoParentCouncil => "소속 협의회 없음",
        ErrCouncilKeepsChildren => "분과나 포럼팀이 있는 협의회는 구분을 바꿀 수 없습니다.",
        CouncilCreatedNotice => "협의회를 만들었습니다. 이제 위원을 추가하세요.",
        CouncilSavedNotice => "협의회 정보를 저장했습니다.",
        CouncilMemberAddedNotice => "위원을 추가했습니다.",
        CouncilMemberRemovedNotice => {
            "위원을 뺐습니다. 이 사람의 위원 전용 회의 참석 신청은 취소되었습니다."
        }
        CouncilRoleSetNotice => "직책을 바꿨습니다.",
        CouncilRolesHint => {
            "위원장과 간사는 이 협의회의 회의를 만들고 안건, 입장 확인, 실시간 회의실, 회의록을 맡습니다."
        }
        ChangeRole => "직책 변경",
        CouncilMemberAddTitle => "위원 추가",
        CouncilMemberAdd => "위원 추가",
        ErrAlreadyCouncilMember => "이미 이 협의회의 위원입니다.",
        ScheduleMeeting => "회의 만들기",
        ChooseCouncilForMeeting => "회의를 여는 협의회나 분과를 고르세요.",
        MeetingEdit => "회의 정보 수정",
        MeetingEditHint => "일시나 장소를 바꾸면 참석 신청자에게 알림이 갑니다.",
        MeetingTitleField => "회의 제목",
        MeetingDescriptionField => "회의 소개",
        MeetingStartsField => "시작 일시 (한국 시간)",
        MeetingEndsField => "종료 일시 (한국 시간)",
        MeetingTimeHint => "한국 표준시(KST)로 입력합니다. 회의는 최대 24시간입니다.",
        MeetingRoomHint => "대면 회의와 융합 회의에 씁니다.",
        MeetingOnlineField => "온라인 참여 방법",
        MeetingOnlineHint => {
            "온라인 회의와 융합 회의에 씁니다. 이 사이트의 실시간 회의실에서는 질문, 발언 신청, 실시간 투표를 함께 씁니다."
        }
        MeetingRoomLink => "외부 화상회의 주소",
        MeetingOnlineUrlField => "화상회의 주소",
        MeetingOnlineUrlHint => {
            "외부 화상회의를 고른 경우에만 씁니다. https:// 로 시작합니다. 참석 신청자에게만 보입니다."
        }
        VisibilityLabel => "공개 범위",
        VisibilityPublic => "전체 공개",
        MeetingCreatedNotice => "회의를 만들었습니다. 이제 안건을 정하세요.",
        MeetingSavedNotice => "회의 정보를 저장했습니다.",
        AgendaEdit => "안건 편집",
        AgendaFormHint => {
            "순서 칸의 숫자대로 안건을 정렬합니다. 빈 줄은 저장하지 않으며, 저장하면 새 빈 줄이 다시 생깁니다. 제안을 연결하면 작성자와 발표자에게 알림이 갑니다."
        }
        AgendaNewRow => "새 안건",
        AgendaItemN => "안건 {n}",
        AgendaOrderLabel => "순서",
        AgendaTitleField => "안건 제목",
        AgendaDescriptionField => "설명",
        AgendaMinutesField => "예정 시간(분)",
        AgendaProposalField => "연결할 제안 번호",
        AgendaProposalHint => {
            "제안 주소(/proposals/번호)의 번호입니다. 공개된 제안만 연결할 수 있습니다."
        }
        ErrNoPublishedProposal => "그 번호의 공개된 제안이 없습니다.",
        PresenterNone => "발표자 없음",
        PresenterAuthor => "제안 작성자",
        AgendaRemove => "이 안건 빼기",
        AgendaSave => "안건 저장",
        AgendaSavedNotice => "안건을 저장했습니다.",
        AgendaLocked => "회의록이 공개되어 안건을 바꿀 수 없습니다.",
        AgendaNotTold => {
            "위원 전용 회의라서 다음 안건의 제안 작성자나 발표자에게 알리지 못했습니다. 따로 초대하세요:"
        }
    }
}
