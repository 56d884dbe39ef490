BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator
    $script:varNames = 'NCLOUD_ACCESS_KEY', 'NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_KEY', 'NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_SITE', 'NCLOUD_REGION', 'HOME', 'USERPROFILE'
    $script:saved = @{}
    foreach ($n in $varNames) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }

    function Set-TestEnvironment([hashtable] $Values) {
        foreach ($n in $varNames) { [Environment]::SetEnvironmentVariable($n, $null) }
        # An empty home under Pester's TestDrive (which Pester deletes itself), so no real
        # ~/.ncloud/configure is ever read and nothing outside TestDrive is ever removed.
        $script:fakeHome = Join-Path $TestDrive "home-$([guid]::NewGuid())"
        $null = New-Item -ItemType Directory $fakeHome
        [Environment]::SetEnvironmentVariable('HOME', $fakeHome)
        [Environment]::SetEnvironmentVariable('USERPROFILE', $fakeHome)
        foreach ($k in $Values.Keys) { [Environment]::SetEnvironmentVariable($k, $Values[$k]) }
    }

    function Write-Configure([string] $Text, [string] $Path = (Join-Path $fakeHome '.ncloud/configure')) {
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        Set-Content -LiteralPath $Path -Value $Text
        $Path
    }

    $script:goodProfile = "ncloud_access_key_id = $($emu.AccessKey)`nncloud_secret_access_key = emulator-secret-key"
}

AfterAll {
    foreach ($n in $varNames) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
    Stop-TestEnvironment
}

Describe 'Connect-Cdss finds credentials the NAVER Cloud way' {
    It 'uses NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY' {
        Set-TestEnvironment @{ NCLOUD_ACCESS_KEY = $emu.AccessKey; NCLOUD_SECRET_KEY = 'emulator-secret-key' }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -NotDefault
        $s.CredentialSource | Should -Be 'Environment'
        (Test-CdssRollingRestart 3432149 -Session $s -ErrorAction Stop).CanRestart | Should -BeTrue
    }

    It 'uses NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY' {
        Set-TestEnvironment @{ NCLOUD_ACCESS_KEY_ID = $emu.AccessKey; NCLOUD_SECRET_ACCESS_KEY = 'emulator-secret-key' }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -NotDefault
        (Test-CdssRollingRestart 3432149 -Session $s -ErrorAction Stop).CanRestart | Should -BeTrue
    }

    It 'takes NCLOUD_SITE and NCLOUD_REGION as defaults, and parameters over them' {
        Set-TestEnvironment @{ NCLOUD_ACCESS_KEY = 'AKID'; NCLOUD_SECRET_KEY = 's'; NCLOUD_SITE = 'gov'; NCLOUD_REGION = 'krs' }
        $s = Connect-Cdss -NotDefault
        "$($s.Site)" | Should -Be 'Gov'
        $s.Region | Should -Be 'KRS'
        $s.Endpoint | Should -Be 'https://clouddatastreamingservice.apigw.gov-ntruss.com/api/krs-v1'
        $p = Connect-Cdss -Site Fin -NotDefault
        $p.Region | Should -Be 'FKR'
    }

    It 'takes NCLOUD_SITE and NCLOUD_REGION as defaults with -Credential and -AccessKey too, and refuses a value that is no site or region' {
        Set-TestEnvironment @{ NCLOUD_SITE = 'gov'; NCLOUD_REGION = 'krs' }
        $s = Connect-Cdss -Credential $emu.Credential -NotDefault
        "$($s.Site) $($s.Region)" | Should -Be 'Gov KRS'
        $k = Connect-Cdss -AccessKey $emu.AccessKey -SecretKey (New-TestSecret 'emulator-secret-key') -NotDefault
        $k.Endpoint | Should -Be 'https://clouddatastreamingservice.apigw.gov-ntruss.com/api/krs-v1'
        Set-TestEnvironment @{ NCLOUD_SITE = 'fni' }
        { Connect-Cdss -Credential $emu.Credential -NotDefault } | Should -Throw -ErrorId 'CdssInvalidSetting*'
        Set-TestEnvironment @{ NCLOUD_REGION = 'FRK' }
        { Connect-Cdss -Credential $emu.Credential -Site Fin -NotDefault } | Should -Throw -ErrorId 'CdssInvalidSetting*'
    }

    It 'reads the [DEFAULT] profile of ~/.ncloud/configure' {
        Set-TestEnvironment @{}
        $null = Write-Configure "[DEFAULT]`n$goodProfile`nncloud_api_url = https://ncloud.apigw.ntruss.com"
        $s = Connect-Cdss -Endpoint $emu.Endpoint -NotDefault
        $s.CredentialSource | Should -Be 'Profile:DEFAULT'
        (Test-CdssRollingRestart 3432149 -Session $s -ErrorAction Stop).CanRestart | Should -BeTrue
    }

    It 'honours sections: -ProfileName prod reads only [prod]' {
        Set-TestEnvironment @{}
        $null = Write-Configure "[DEFAULT]`nncloud_access_key_id = $($emu.AccessKey)`nncloud_secret_access_key = wrong-default-secret`n`n[prod]`n$goodProfile"
        $prod = Connect-Cdss -ProfileName prod -Endpoint $emu.Endpoint -NotDefault
        $prod.CredentialSource | Should -Be 'Profile:prod'
        (Test-CdssRollingRestart 3432149 -Session $prod -ErrorAction Stop).CanRestart | Should -BeTrue
        $default = Connect-Cdss -Endpoint $emu.Endpoint -NotDefault
        { Test-CdssRollingRestart 3432149 -Session $default -ErrorAction Stop } | Should -Throw -ErrorId 'CdssAuthenticationFailed*'
    }

    It 'prefers the environment over the file' {
        Set-TestEnvironment @{ NCLOUD_ACCESS_KEY = 'ENVKEY'; NCLOUD_SECRET_KEY = 's' }
        $null = Write-Configure "[DEFAULT]`n$goodProfile"
        (Connect-Cdss -NotDefault).AccessKey | Should -Be 'ENVKEY'
    }

    It 'reads another file with -ConfigPath' {
        Set-TestEnvironment @{ NCLOUD_ACCESS_KEY = 'ENVKEY'; NCLOUD_SECRET_KEY = 's' }
        $path = Write-Configure "[DEFAULT]`n$goodProfile" -Path (Join-Path $fakeHome 'elsewhere.ini')
        $s = Connect-Cdss -ConfigPath $path -Endpoint $emu.Endpoint -NotDefault
        $s.AccessKey | Should -Be $emu.AccessKey
        $s.CredentialSource | Should -Be 'Profile:DEFAULT'
    }

    It 'takes the site from a Fin ncloud_api_url' {
        Set-TestEnvironment @{}
        $null = Write-Configure "[DEFAULT]`n$goodProfile`nncloud_api_url = https://fin-ncloud.apigw.fin-ntruss.com"
        $s = Connect-Cdss -NotDefault
        "$($s.Site)" | Should -Be 'Fin'
        $s.Endpoint | Should -Be 'https://fin-clouddatastreamingservice.apigw.fin-ntruss.com/api/v1'
    }

    It 'reports a missing profile as CdssProfileNotFound' {
        Set-TestEnvironment @{}
        $null = Write-Configure "[DEFAULT]`n$goodProfile"
        { Connect-Cdss -ProfileName staging -NotDefault } | Should -Throw -ErrorId 'CdssProfileNotFound*'
    }

    It 'reports an unreadable file as CdssInvalidConfig with the line number, not the line' {
        Set-TestEnvironment @{}
        $null = Write-Configure "[DEFAULT]`nncloud_access_key_id = AKID`nthis line holds SECRETVALUE and no equals sign"
        $err = { Connect-Cdss -NotDefault } | Should -Throw -ErrorId 'CdssInvalidConfig*' -PassThru
        "$err" | Should -Match 'line 3'
        "$err" | Should -Not -Match 'SECRETVALUE'
    }

    It 'with nothing found, fails with CdssMissingCredential naming every place it looked' {
        Set-TestEnvironment @{}
        $err = { Connect-Cdss -NotDefault } | Should -Throw -ErrorId 'CdssMissingCredential*' -PassThru
        "$err" | Should -Match 'NCLOUD_ACCESS_KEY'
        "$err" | Should -Match 'NCLOUD_SECRET_KEY'
        "$err" | Should -Match ([regex]::Escape((Join-Path $fakeHome '.ncloud')))
    }

    It 'never prompts: pwsh -NonInteractive fails at once with CdssMissingCredential' {
        Set-TestEnvironment @{}
        $pwsh = Join-Path $PSHOME 'pwsh'
        $script = "Import-Module '$ModulePath'; try { Connect-Cdss -Endpoint '$($emu.Endpoint)' } catch { `$_.FullyQualifiedErrorId; exit 3 }; exit 0"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $text = '' | & $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $exit = $LASTEXITCODE
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
        $exit | Should -Be 3
        $text | Should -Match 'CdssMissingCredential'
    }
}

Describe 'Argument completion' {
    BeforeAll {
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
    }
    AfterAll { Disconnect-Cdss }

    It 'completes cluster numbers with the name as tooltip' {
        $line = 'Test-CdssRollingRestart -ServiceGroupInstanceNo 34321'
        $completions = (TabExpansion2 $line $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain '3432149'
        ($completions | Where-Object CompletionText -EQ '3432151').ToolTip | Should -Match 'kafka-stage'
    }

    It 'caches the cluster list between completions' {
        # A new default session starts with an empty cache (it lives on the session), so the first completion
        # must fetch the list (one page of six clusters) and the second must not.
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        Reset-CdssEmulator $emu
        $line = 'Get-CdssRollingRestartProgress -ServiceGroupInstanceNo '
        $first = (TabExpansion2 $line $line.Length).CompletionMatches
        $second = (TabExpansion2 $line $line.Length).CompletionMatches
        $first.CompletionText | Should -Contain '3432149'
        $second.CompletionText | Should -Be $first.CompletionText
        (Get-CdssEmulatorRequest $emu -Operation getClusterInfoList | Measure-Object).Count | Should -Be 1
    }

    It 'is silent without a session' {
        $result = Invoke-InNewRunspace {
            param($m)
            Import-Module $m
            $line = 'Test-CdssRollingRestart -ServiceGroupInstanceNo 3'
            (TabExpansion2 $line $line.Length).CompletionMatches | Where-Object ResultType -EQ 'ParameterValue'
        } @{ m = $ModulePath }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
    }

    It 'completes -Site from its allowed values' {
        $line = 'Connect-Cdss -Site '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Sort-Object | Should -Be @('Fin', 'Gov', 'Public')
    }

    It 'completes -Region from the regions of the chosen site' {
        $line = 'Connect-Cdss -Site Public -Region '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('KR', 'SGN', 'JPN')
        $line = 'Connect-Cdss -Site Fin -Region '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('FKR')
    }
}
